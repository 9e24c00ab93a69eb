import type { PersonaClient } from './client.js';
import { PersonaApiError } from './errors.js';
import type { paths } from './generated/schema.js';

/** The paths whose GET answers a file rather than JSON (the print operations' PDFs). */
export type BinaryPath = {
  [P in keyof paths]: paths[P] extends {
    get: { responses: { 200: { content: { 'application/pdf': unknown } } } };
  }
    ? P
    : never;
}[keyof paths];

/** What a binary GET takes: its path parameters, and headers such as `Persona-Version`. */
export interface BinaryInit<P extends BinaryPath> {
  params: { path: paths[P]['get']['parameters']['path'] };
  headers?: Record<string, string>;
}

/** How the bytes are answered: a `Blob` (browsers, `URL.createObjectURL`) or an `ArrayBuffer`. */
export type BinaryAs = 'blob' | 'arrayBuffer';

/**
 * GETs a file (a printed PDF) through the client, with its auth, version
 * and retries, and answers its bytes; a failure throws a PersonaApiError
 * as `unwrap` does.
 *
 * ```ts
 * const pdf = await getBinary(client, '/reports/{report-id}/print', {
 *   params: { path: { 'report-id': id } },
 * });
 * ```
 */
export async function getBinary<P extends BinaryPath>(
  client: PersonaClient,
  path: P,
  init: BinaryInit<P>,
): Promise<Blob>;
export async function getBinary<P extends BinaryPath>(
  client: PersonaClient,
  path: P,
  init: BinaryInit<P>,
  as: 'arrayBuffer',
): Promise<ArrayBuffer>;
export async function getBinary<P extends BinaryPath>(
  client: PersonaClient,
  path: P,
  init: BinaryInit<P>,
  as: BinaryAs = 'blob',
): Promise<Blob | ArrayBuffer> {
  // openapi-fetch types each path's own options; one call for every binary path needs the loose form.
  const get = client.GET as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: Blob | ArrayBuffer; error?: unknown; response: Response }>;
  const result = await get(path, { ...init, parseAs: as });
  if (!result.response.ok) throw PersonaApiError.fromResponse(result.response, result.error);
  return result.data as Blob | ArrayBuffer;
}
