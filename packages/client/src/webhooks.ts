import type { components } from './generated/schema.js';
import { concatBytes, fromHex, hmacSha256, timingSafeEqual, toHex } from './hmac.js';
import { parseSignatureHeader } from './webhook-header.js';

/** The header Persona signs webhook deliveries with. */
export const PERSONA_SIGNATURE_HEADER = 'Persona-Signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** A webhook delivery: an event document, as the spec describes `/events/{event-id}`'s. */
export type PersonaWebhookEvent = components['schemas']['EventDocument'];

export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_outside_tolerance'
  | 'no_matching_signature'
  | 'invalid_payload';

const MESSAGES: Record<WebhookVerificationReason, string> = {
  missing_header: `The ${PERSONA_SIGNATURE_HEADER} header is missing`,
  malformed_header: `The ${PERSONA_SIGNATURE_HEADER} header is not t=<seconds>,v1=<hex>`,
  timestamp_outside_tolerance: 'The signature timestamp is outside the tolerance',
  no_matching_signature: 'No signature matches the payload and the secrets',
  invalid_payload: 'The signed payload is not JSON',
};

/** The delivery cannot be trusted; `reason` says why. Answer it with a 400. */
export class WebhookVerificationError extends Error {
  declare readonly name: 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;

  static {
    Object.defineProperty(WebhookVerificationError.prototype, 'name', {
      value: 'WebhookVerificationError',
    });
  }

  constructor(reason: WebhookVerificationReason) {
    super(MESSAGES[reason]);
    this.reason = reason;
  }
}

export interface SignWebhookOptions {
  secret: string;
  /** The exact body that will be sent. */
  payload: string | Uint8Array;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}

/** A Persona-Signature header value for `payload`: for tests, mocks and replays. */
export async function signWebhook({
  secret,
  payload,
  timestamp,
}: SignWebhookOptions): Promise<string> {
  assertSecret(secret);
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(t) || t < 0) throw new RangeError('timestamp must be unix seconds');
  return `t=${t},v1=${toHex(await hmacSha256(secret, concatBytes(`${t}.`, payload)))}`;
}

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received: parsing and re-serializing breaks the HMAC. */
  payload: string | Uint8Array;
  /** The Persona-Signature header value. */
  header: string | null | undefined;
  /** The endpoint's secret, or several while one is rotated out. */
  secrets: string | readonly string[];
  /** How far the signature's timestamp may be from now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Current unix seconds. Default: the clock. */
  now?: number;
}

/**
 * Checks a webhook delivery's signature and returns the parsed event; throws a
 * WebhookVerificationError otherwise. Accepts any `v1` of the header made with any
 * of the secrets, so deliveries keep verifying while a secret rotates.
 */
export async function verifyWebhook<Event = PersonaWebhookEvent>(
  options: VerifyWebhookOptions,
): Promise<Event> {
  const { payload, header, toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS } = options;
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : [...options.secrets];
  if (secrets.length === 0) throw new TypeError('verifyWebhook: at least one secret is needed');
  secrets.forEach(assertSecret);

  if (!header?.trim()) throw new WebhookVerificationError('missing_header');
  const sets = parseSignatureHeader(header);
  if (!sets) throw new WebhookVerificationError('malformed_header');

  // Authenticity first: a timestamp is only worth judging once it is known to be Persona's.
  const signedAt: number[] = [];
  for (const { timestamp, signatures } of sets) {
    const given = signatures.map(fromHex).filter((bytes) => bytes !== undefined);
    for (const secret of secrets) {
      const expected = await hmacSha256(secret, concatBytes(`${timestamp}.`, payload));
      if (given.some((bytes) => timingSafeEqual(bytes, expected))) signedAt.push(timestamp);
    }
  }
  if (signedAt.length === 0) throw new WebhookVerificationError('no_matching_signature');

  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (!signedAt.some((t) => Math.abs(now - t) <= toleranceSeconds)) {
    // Old deliveries are replays as far as we can tell; future ones come from a wrong clock.
    throw new WebhookVerificationError('timestamp_outside_tolerance');
  }

  try {
    const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
    return JSON.parse(text) as Event;
  } catch {
    throw new WebhookVerificationError('invalid_payload');
  }
}

function assertSecret(secret: unknown): void {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('webhook secrets must be non-empty strings');
  }
}
