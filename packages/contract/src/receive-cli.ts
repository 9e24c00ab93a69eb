// `persona-contract receive`: a receiver on 127.0.0.1 that prints each webhook
// delivery, whether its signature holds, and how its body breaks the spec.
import { type Flags, parseFlags } from './cli-flags.js';
import { failing } from './drift.js';
import { formatViolation } from './format.js';
import { createWebhookReceiver, type ReceivedDelivery } from './receiver.js';

export const receiveUsage = `persona-contract receive: checks webhook deliveries against the spec until stopped

Usage: persona-contract receive --secret <secret> [options]

  --secret <secret>     the webhook's signing secret (or set PERSONA_WEBHOOK_SECRET); repeat it for
                        every live secret while one is rotated
  --port <port>         where to listen on 127.0.0.1 (default 4020; 0 picks a free port)
  --key-inflection <k>  the webhook's api-key-inflection: kebab (default), camel or snake
  --tolerance <s>       how old a signature may be, in seconds (default 300)
  --strict              additive drift (an event or member the spec does not know) counts too
  --help                show this help

Point the webhook at the URL it prints. Stop it with Ctrl-C: it exits 0 when every delivery
verified and fit the spec, 1 otherwise, 2 on a usage error.`;

export interface ReceiveIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Stops the receiver; default: SIGINT or SIGTERM. */
  stop?: AbortSignal;
}

const inflections = ['kebab', 'camel', 'snake'] as const;

export async function runReceive(argv: string[], io: ReceiveIo): Promise<number> {
  let values: Flags;
  try {
    values = parseFlags(argv, {
      secret: { type: 'string', multiple: true },
      port: { type: 'string' },
      'key-inflection': { type: 'string' },
      tolerance: { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean' },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout(`${receiveUsage}\n`);
    return 0;
  }
  const secrets = (values.secret as string[] | undefined) ?? [];
  if (secrets.length === 0 && io.env.PERSONA_WEBHOOK_SECRET) {
    secrets.push(io.env.PERSONA_WEBHOOK_SECRET);
  }
  if (secrets.length === 0 || secrets.some((s) => s === '')) {
    return usageError(io, '--secret (or PERSONA_WEBHOOK_SECRET) is required');
  }
  const port = Number(values.port ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return usageError(io, `--port must be 0..65535, got ${values.port}`);
  }
  const inflection = (values['key-inflection'] as string | undefined) ?? 'kebab';
  if (!(inflections as readonly string[]).includes(inflection)) {
    return usageError(io, `--key-inflection must be kebab, camel or snake, got ${inflection}`);
  }
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !(Number.isFinite(tolerance) && tolerance >= 0)) {
    return usageError(io, `--tolerance must be a number of seconds, got ${values.tolerance}`);
  }
  const strict = values.strict === true;

  let failed = 0;
  const receiver = await createWebhookReceiver({
    secrets,
    port,
    keyInflection: inflection as (typeof inflections)[number],
    ...(tolerance !== undefined ? { toleranceSeconds: tolerance } : {}),
    onDelivery(delivery) {
      const bad = delivery.signature !== 'valid' || failing(delivery.violations, strict).length > 0;
      if (bad) failed++;
      io.stdout(`${deliveryLines(delivery, bad).join('\n')}\n`);
    },
  });
  io.stdout(`persona-contract receive: listening on ${receiver.url}\n`);
  await stopped(io.stop);
  await receiver.close();
  const total = receiver.deliveries.length;
  io.stdout(`${total} deliveries, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** `✓ 200 account.created evt_… (attempt 1)`, then one line per violation. */
export function deliveryLines(delivery: ReceivedDelivery, bad: boolean): string[] {
  const what = [
    bad ? '✗' : '✓',
    String(delivery.status),
    delivery.name ?? '(no event name)',
    delivery.eventId ?? '',
    delivery.attempt !== undefined ? `(attempt ${delivery.attempt})` : '',
  ].filter(Boolean);
  return [what.join(' '), ...delivery.violations.map((v) => `    ${formatViolation(v)}`)];
}

function usageError(io: ReceiveIo, message: string): number {
  io.stderr(`persona-contract receive: ${message}\n\n${receiveUsage}\n`);
  return 2;
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    return signal.aborted
      ? Promise.resolve()
      : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
