/** A failure a client can act on: answered as a JSON:API error document with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503,
    readonly title: string,
    readonly details?: string,
  ) {
    super(details ? `${title}: ${details}` : title);
    this.name = 'ApiError';
  }
}

export const badRequest = (details: string) => new ApiError(400, 'Bad Request', details);
export const forbidden = (details: string) => new ApiError(403, 'Forbidden', details);
export const notFound = (type: string, id: string) =>
  new ApiError(404, 'Record not found', `Could not find ${type} with id ${id}`);
/** The record a lookup gave, or a 404 naming the type and id that were not there. */
export function found<T>(record: T | undefined, type: string, id: string): T {
  if (record === undefined) throw notFound(type, id);
  return record;
}
export const conflict = (details: string) => new ApiError(409, 'Conflict', details);
export const invalid = (details: string) => new ApiError(422, 'Unprocessable Entity', details);
