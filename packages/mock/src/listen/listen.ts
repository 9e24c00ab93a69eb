import { parseArgs } from 'node:util';
import { subcommandOptions } from '../subcommand.js';

export interface ListenOptions {
  forwardTo: string;
  apiKey: string;
  /** The running mock's root (default http://127.0.0.1:4010). */
  baseUrl: string;
  /** How often the delivery log is read (default 500 ms). */
  pollMs?: number;
  /** Where lines go (default standard output). */
  print?: (line: string) => void;
}

export interface Listener {
  webhookId: string;
  secret: string;
  /** Stops polling and archives the webhook. */
  stop(): Promise<void>;
}

interface DeliveryView {
  id: string;
  eventId: string;
  eventName: string;
  webhookId: string;
  attempts: { at: string; status: number | null; latencyMs: number; error?: string }[];
}

export const listenUsage = `Usage: persona-mock listen --forward-to <url> --api-key <key> [--base-url <url>]

Registers a webhook for every event of the key's organization on a running
mock, forwards deliveries to <url>, prints its signing secret and each
delivery attempt, and archives the webhook on exit (Ctrl-C).

  --forward-to <url>    where deliveries are posted
  --api-key <key>       the organization whose events are forwarded
  --base-url <url>      the running mock (default http://127.0.0.1:4010)`;

/** Reads `listen`'s flags; a mistake throws an Error whose message names it. */
export function parseListen(argv: string[]): ListenOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'forward-to': { type: 'string' },
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const forwardTo = values['forward-to'];
  if (!forwardTo || !URL.canParse(forwardTo)) throw new Error('--forward-to needs a URL');
  if (!values['api-key']) throw new Error('--api-key is required');
  const baseUrl = (values['base-url'] ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Error(`--base-url ${baseUrl} is not a URL`);
  return { forwardTo, apiKey: values['api-key'], baseUrl };
}

/** Registers and enables the webhook, then prints deliveries until `stop`. */
export async function startListening(options: ListenOptions): Promise<Listener> {
  const print = options.print ?? ((line: string) => console.log(line));
  const call = async (method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.apiKey}`,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new Error(`cannot reach the mock at ${options.baseUrl}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  const created = await call('POST', '/api/v1/webhooks', {
    data: { attributes: { url: options.forwardTo, 'enabled-events': ['*'] } },
  });
  const webhookId = created.data.id as string;
  const secret = created.data.attributes.secret as string;
  await call('POST', `/api/v1/webhooks/${webhookId}/enable`);
  print(`Forwarding every event to ${options.forwardTo} (webhook ${webhookId})`);
  print(`Signing secret: ${secret}`);

  const shown = new Map<string, number>();
  const poll = async () => {
    const log = await call('GET', `/__mock/webhook-deliveries?webhookId=${webhookId}`);
    // The log is newest first: print in the order attempts were made.
    for (const delivery of [...(log.data as DeliveryView[])].reverse()) {
      const seen = shown.get(delivery.id) ?? 0;
      for (const attempt of delivery.attempts.slice(seen)) {
        const outcome = attempt.status ?? attempt.error ?? 'no answer';
        print(
          `${attempt.at}  ${delivery.eventName}  ${delivery.eventId}  -> ${outcome} (${Math.round(attempt.latencyMs)} ms)`,
        );
      }
      shown.set(delivery.id, delivery.attempts.length);
    }
  };

  let stopped = false;
  let polling = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling.then(poll).catch((error: unknown) => print(`(${(error as Error).message})`));
  }, options.pollMs ?? 500);

  return {
    webhookId,
    secret,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await polling;
      await poll().catch(() => {});
      await call('POST', `/api/v1/webhooks/${webhookId}/archive`);
      print(`Webhook ${webhookId} archived`);
    },
  };
}

/** `persona-mock listen …`: runs until SIGINT or SIGTERM, then archives the webhook. */
export async function listenCommand(argv: string[]): Promise<void> {
  const options = subcommandOptions('listen', argv, parseListen, listenUsage);
  if (!options) return;
  const listener = await startListening(options);
  const stop = () => {
    listener.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`persona-mock listen: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
