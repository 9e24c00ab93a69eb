import { parseArgs } from 'node:util';
import { subcommandOptions } from '../subcommand.js';
import { mockApi } from './mock-api.js';
import { recipes, type SeedView, triggerEvents } from './recipes.js';

export interface TriggerOptions {
  event: string;
  apiKey: string;
  /** The running mock's root (default http://127.0.0.1:4010). */
  baseUrl: string;
  adminToken?: string;
}

export const triggerUsage = `Usage: persona-mock trigger <event-name> --api-key <key> [--base-url <url>]

Makes the objects the event needs through a running mock's API, drives them
until the event is recorded, and prints the event's id.

  --api-key <key>       the organization the objects are made in
  --base-url <url>      the running mock (default http://127.0.0.1:4010)

The admin token, when the mock needs one, is read from PERSONA_MOCK_ADMIN_TOKEN.
Events: ${triggerEvents.join(', ')}`;

/** A mistake in the command line: exit code 2 with the usage. */
export class TriggerUsageError extends Error {}

export function parseTrigger(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): TriggerOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new TriggerUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [event, ...extra] = positionals;
  if (!event) throw new TriggerUsageError('name the event to trigger');
  if (extra.length > 0)
    throw new TriggerUsageError(`one event at a time, got ${positionals.join(' ')}`);
  if (!(event in recipes)) {
    throw new TriggerUsageError(
      `${event} is not an event trigger can make; use one of ${triggerEvents.join(', ')}`,
    );
  }
  if (!values['api-key']) throw new TriggerUsageError('--api-key is required');
  const baseUrl = (values['base-url'] ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new TriggerUsageError(`--base-url ${baseUrl} is not a URL`);
  const adminToken = env.PERSONA_MOCK_ADMIN_TOKEN;
  return { event, apiKey: values['api-key'], baseUrl, ...(adminToken ? { adminToken } : {}) };
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    options: {
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });

/** Makes the event happen on the running mock; answers the recorded event's id. */
export async function triggerEvent(options: TriggerOptions): Promise<string> {
  const api = mockApi(options.baseUrl, options.apiKey, options.adminToken);
  const seed = (await api('GET', '/__mock/seed')) as SeedView;
  const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const objectId = await recipes[options.event]!({ api, seed, tag });
  const query = new URLSearchParams({
    'filter[name]': options.event,
    'filter[object-id]': objectId,
  });
  const events = await api('GET', `/api/v1/events?${query}`);
  const id = events.data[0]?.id as string | undefined;
  if (!id)
    throw new Error(`${objectId} was made, but no ${options.event} event was recorded for it`);
  return id;
}

/** `persona-mock trigger …`: prints the event id; exit 2 for a usage mistake, 1 when the mock refuses. */
export async function triggerCommand(argv: string[]): Promise<void> {
  const options = subcommandOptions('trigger', argv, parseTrigger, triggerUsage);
  if (!options) return;
  try {
    console.log(await triggerEvent(options));
  } catch (error) {
    console.error(`persona-mock trigger: ${(error as Error).message}`);
    process.exit(1);
  }
}
