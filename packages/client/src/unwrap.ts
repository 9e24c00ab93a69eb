import { PersonaApiError } from './errors.js';

/** The shape of every openapi-fetch result. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success body of an openapi-fetch result type. */
export type DataOf<R extends FetchResult> = Exclude<R['data'], undefined>;

/**
 * Returns `data` from an openapi-fetch result, or throws a PersonaApiError when
 * the response was not a success.
 */
export function unwrap<R extends FetchResult>(result: R): DataOf<R> {
  if (!result.response.ok) throw PersonaApiError.fromResponse(result.response, result.error);
  return result.data as DataOf<R>;
}

/** Awaits an openapi-fetch call and unwraps it: `await expectData(client.GET(...))`. */
export async function expectData<R extends FetchResult>(pending: Promise<R>): Promise<DataOf<R>> {
  return unwrap(await pending);
}
