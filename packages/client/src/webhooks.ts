import { concatBytes, fromHex, hmacSha256, timingSafeEqual, toHex } from './hmac.js';
import type { PersonaWebhookEvent } from './webhook-events.js';
import { parseSignatureHeader } from './webhook-header.js';
import { readWebhookInput, type WebhookDelivery } from './webhook-input.js';

export type {
  PersonaWebhookEvent,
  PersonaWebhookEventName,
  WebhookEventOf,
} from './webhook-events.js';
export type { WebhookDelivery, WebhookHeaders } from './webhook-input.js';

/** The header Persona signs webhook deliveries with. */
export const PERSONA_SIGNATURE_HEADER = 'Persona-Signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

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
  invalid_payload: 'The signed payload is not a JSON event document',
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

export type SignWebhookOptions = (
  | { secret: string; secrets?: never }
  | {
      /** One `t=…,v1=…` set per secret, as Persona sends while a secret is rotated out. */
      secrets: readonly string[];
      secret?: never;
    }
) & {
  /** The exact body that will be sent. */
  payload: string | Uint8Array;
  /** Unix seconds. Default: now. */
  timestamp?: number;
};

/** A Persona-Signature header value for `payload`: for tests, mocks and replays. */
export async function signWebhook(options: SignWebhookOptions): Promise<string> {
  const secrets = options.secrets ?? [options.secret];
  if (secrets.length === 0) throw new TypeError('signWebhook: at least one secret is needed');
  secrets.forEach(assertSecret);
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(t) || t < 0) throw new RangeError('timestamp must be unix seconds');
  const message = concatBytes(`${t}.`, options.payload);
  const sets = await Promise.all(
    secrets.map(async (secret) => `t=${t},v1=${toHex(await hmacSha256(secret, message))}`),
  );
  return sets.join(' ');
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

  let event: unknown;
  try {
    event = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder().decode(payload));
  } catch {
    throw new WebhookVerificationError('invalid_payload');
  }
  if (!isEventDocument(event)) throw new WebhookVerificationError('invalid_payload');
  return event as Event;
}

/** `{ data: { type: 'event', id, attributes: { name, payload: { data } } } }`, the envelope every event has. */
function isEventDocument(value: unknown): boolean {
  const data = field(value, 'data');
  const attributes = field(data, 'attributes');
  return (
    field(data, 'type') === 'event' &&
    typeof field(data, 'id') === 'string' &&
    typeof field(attributes, 'name') === 'string' &&
    typeof field(field(attributes, 'payload'), 'data') === 'object'
  );
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export interface ParseWebhookOptions {
  /** The endpoint's secret, or every live one while a secret is rotated. */
  secrets: string | readonly string[];
  /** How far the signature's timestamp may be from now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Current unix seconds. Default: the clock. */
  now?: number;
}

/**
 * Verifies a webhook delivery and returns its event, typed by name: give it the
 * Fetch `Request` as it arrived, or the raw body and headers (Node's
 * `IncomingMessage#headers` will do). Throws a WebhookVerificationError when the
 * delivery cannot be trusted. A Request's body is read here, once.
 */
export async function parseWebhook(
  input: Request | WebhookDelivery,
  options: ParseWebhookOptions,
): Promise<PersonaWebhookEvent> {
  const { body, header } = await readWebhookInput(input, PERSONA_SIGNATURE_HEADER);
  return verifyWebhook<PersonaWebhookEvent>({ ...options, payload: body, header });
}

function assertSecret(secret: unknown): void {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('webhook secrets must be non-empty strings');
  }
}
