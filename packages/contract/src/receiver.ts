// Receiver mode: a local endpoint for webhook deliveries. Each one's signature
// is checked with the client's verification and its body against the spec's
// `webhooks:` entry for its event; what is wrong is recorded as violations,
// in the shape every other check of the kit reports.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PERSONA_SIGNATURE_HEADER,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '@persona-kit/client/webhooks';
import {
  type KeyInflection,
  type Violation,
  validateWebhook,
  webhookEventName,
} from '@persona-kit/spec';

export interface WebhookReceiverOptions {
  /** The webhook's secret, or every live one while a secret is rotated. */
  secrets: string | readonly string[];
  /** Default 0: a free port. The receiver listens on 127.0.0.1 only. */
  port?: number;
  /** How far a signature's timestamp may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Unix seconds now; give the mock's clock when a test moved it. */
  now?: () => number;
  /** The webhook's `api-key-inflection` (default kebab). */
  keyInflection?: KeyInflection;
  /** Called with each delivery once it is checked. */
  onDelivery?: (delivery: ReceivedDelivery) => void;
}

export interface ReceivedDelivery {
  /** The event's id and name, when the body has them. */
  eventId?: string;
  name?: string;
  receivedAt: string;
  /** `valid`, or why the signature does not hold. */
  signature: 'valid' | WebhookVerificationReason;
  /** The status the receiver answered: 200, or 400 for a bad signature or body. */
  status: number;
  /** The parsed body; undefined when it is not JSON. */
  body: unknown;
  /** `Persona-Webhook-Attempts-Made`, when sent. */
  attempt?: number;
  violations: Violation[];
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/`: where the webhook should post. */
  url: string;
  port: number;
  /** Every delivery, in arrival order. */
  readonly deliveries: ReceivedDelivery[];
  /** Every violation of every delivery, in order. */
  readonly violations: Violation[];
  /** The first delivery (already received or to come) that `match` accepts. */
  waitFor(
    match: (delivery: ReceivedDelivery) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

/** Starts a receiver on 127.0.0.1; `close()` stops it. */
export async function createWebhookReceiver(
  options: WebhookReceiverOptions,
): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const waiters = new Set<(delivery: ReceivedDelivery) => void>();
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('use POST');
      return;
    }
    readBody(req).then(
      async (raw) => {
        const delivery = await check(raw, req, options);
        deliveries.push(delivery);
        res.writeHead(delivery.status, { 'Content-Type': 'text/plain' });
        res.end(delivery.signature === 'valid' ? 'ok' : delivery.signature);
        options.onDelivery?.(delivery);
        for (const waiter of waiters) waiter(delivery);
      },
      (error: Error) => {
        res.writeHead(413, { 'Content-Type': 'text/plain' }).end(error.message);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    deliveries,
    get violations() {
      return deliveries.flatMap((d) => d.violations);
    },
    waitFor(match, timeoutMs = 10_000) {
      const found = deliveries.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (delivery: ReceivedDelivery) => {
          if (!match(delivery)) return;
          done();
          resolve(delivery);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching webhook delivery within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function check(
  raw: Buffer,
  req: IncomingMessage,
  options: WebhookReceiverOptions,
): Promise<ReceivedDelivery> {
  const header = req.headers[PERSONA_SIGNATURE_HEADER.toLowerCase()];
  let signature: ReceivedDelivery['signature'] = 'valid';
  try {
    await verifyWebhook({
      payload: raw,
      header: Array.isArray(header) ? header.join(' ') : header,
      secrets: options.secrets,
      ...(options.toleranceSeconds !== undefined
        ? { toleranceSeconds: options.toleranceSeconds }
        : {}),
      ...(options.now ? { now: options.now() } : {}),
    });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    // A signed body that is not an event document is for the schema check to describe.
    if (error.reason !== 'invalid_payload') signature = error.reason;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    body = undefined;
  }
  const name = webhookEventName(body);
  const violations: Violation[] = [];
  if (signature !== 'valid') violations.push(signatureViolation(name, signature));
  if (body === undefined) {
    violations.push(bodyNotJson(name));
  } else {
    violations.push(
      ...validateWebhook({
        body,
        ...(options.keyInflection ? { keyInflection: options.keyInflection } : {}),
      }),
    );
  }
  const eventId = (body as { data?: { id?: unknown } } | undefined)?.data?.id;
  const attempt = Number(req.headers['persona-webhook-attempts-made']);
  return {
    ...(typeof eventId === 'string' ? { eventId } : {}),
    ...(name !== undefined ? { name } : {}),
    receivedAt: new Date().toISOString(),
    signature,
    status: signature === 'valid' && body !== undefined ? 200 : 400,
    body,
    ...(Number.isInteger(attempt) ? { attempt } : {}),
    violations,
  };
}

/** A violation of one delivery, outside any operation of the spec. */
function deliveryViolation(
  name: string | undefined,
  found: Omit<Violation, 'operationId' | 'method' | 'path' | 'status'>,
): Violation {
  return {
    operationId: null,
    method: 'POST',
    path: `webhooks/${name ?? '(no name)'}`,
    status: null,
    ...found,
  };
}

function signatureViolation(
  name: string | undefined,
  reason: WebhookVerificationReason,
): Violation {
  return deliveryViolation(name, {
    location: 'header',
    pointer: `/${PERSONA_SIGNATURE_HEADER}`,
    message: `${PERSONA_SIGNATURE_HEADER} header does not verify: ${reason}`,
    expected: 'a signature made with one of the secrets, within the tolerance',
    received: reason,
    kind: reason === 'missing_header' ? 'missing-member' : 'invalid-value',
    severity: 'breaking',
  });
}

function bodyNotJson(name: string | undefined): Violation {
  return deliveryViolation(name, {
    location: 'content-type',
    pointer: '',
    message: 'the delivery body is not JSON',
    expected: 'application/json',
    received: undefined,
    kind: 'content-type',
    severity: 'breaking',
  });
}
