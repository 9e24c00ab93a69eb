// A typed client for the mock's own routes under `/__mock/` (reset, state,
// seed, plan, faults, object state), described by openapi/control-plane.yaml.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/control-plane-schema.js';

export type { components, operations, paths } from './generated/control-plane-schema.js';

export type ControlPlaneClient = Client<paths>;
export type SeedContent = components['schemas']['SeedContent'];
export type Faults = components['schemas']['Faults'];
export type ObjectState = components['schemas']['ObjectState'];

export interface ControlPlaneClientOptions {
  /** The mock's origin, without `/api/v1`: `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** The key whose organization the routes act on. */
  apiKey: string;
  /**
   * The mock's admin token, sent as `Persona-Mock-Admin-Token`: needed when
   * the mock listens beyond loopback.
   */
  adminToken?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * @example
 * const mock = createControlPlaneClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'key' });
 * await mock.PUT('/__mock/plan', { body: { plan: 'startup' } });
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const { baseUrl, apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('createControlPlaneClient: apiKey must be a non-empty string');
  }
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: {
      Authorization: `Bearer ${apiKey}`,
      ...(options.adminToken !== undefined
        ? { 'Persona-Mock-Admin-Token': options.adminToken }
        : {}),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
