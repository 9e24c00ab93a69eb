import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import type { PersonaLogger } from './logger.js';
import { type ListItem, type ListPath, type PaginateArgs, paginate } from './paginate.js';
import { createPersonaFetch, type FetchFunction } from './persona-fetch.js';
import { type RetryOptions, resolveRetry } from './retry-policy.js';

export const DEFAULT_BASE_URL = 'https://api.withpersona.com/api/v1';
export const DEFAULT_PERSONA_VERSION = '2023-01-05';

export interface PersonaClientOptions {
  /** Your Persona API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Default `https://api.withpersona.com/api/v1`; the mock listens at `http://127.0.0.1:4010/api/v1`. */
  baseUrl?: string;
  /** Sent as `Persona-Version`. Default `2023-01-05`. */
  personaVersion?: string;
  /** The transport. Default: the global `fetch`, looked up on every call. */
  fetch?: FetchFunction;
  /** Retries of 429, 5xx and network errors; `false` turns them off. */
  retry?: RetryOptions | false;
  /** Debug hook, called for every attempt, response and retry. */
  logger?: PersonaLogger;
}

/** An openapi-fetch client for Persona's API, plus `paginate`. */
export interface PersonaClient extends Client<paths> {
  /** Every item of a list operation, page after page: see `paginate`. */
  paginate<P extends ListPath<paths>>(
    path: P,
    ...init: PaginateArgs<paths, P>
  ): AsyncGenerator<ListItem<paths, P>, void, undefined>;
}

/**
 * A typed client for Persona's REST API.
 *
 * @example
 * const persona = createPersonaClient({ apiKey: process.env.PERSONA_API_KEY! });
 * const { data, error } = await persona.GET('/accounts/{account-id}', {
 *   params: { path: { 'account-id': 'act_...' } },
 * });
 */
export function createPersonaClient(options: PersonaClientOptions): PersonaClient {
  const { apiKey, personaVersion = DEFAULT_PERSONA_VERSION, baseUrl = DEFAULT_BASE_URL } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('createPersonaClient: apiKey must be a non-empty string');
  }
  // Fetch rejects such URLs with a message that quotes them, credentials included.
  if (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(baseUrl)) {
    throw new TypeError('createPersonaClient: baseUrl must not carry credentials; use apiKey');
  }
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}`, 'Persona-Version': personaVersion },
    fetch: createPersonaFetch({
      fetch: options.fetch,
      retry: resolveRetry(options.retry),
      logger: options.logger,
    }),
  });
  return Object.assign(client, {
    paginate<P extends ListPath<paths>>(path: P, ...init: PaginateArgs<paths, P>) {
      return paginate(client, path, ...init);
    },
  });
}
