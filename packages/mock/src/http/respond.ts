import { ApiError } from '../core/errors.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function errorBody(error: ApiError): string {
  const item: { title: string; details?: string } = { title: error.title };
  if (error.details !== undefined) item.details = error.details;
  return JSON.stringify({ errors: [item] });
}

/** Headers every answer carries. */
export function baseHeaders(requestId: string, extra?: Record<string, string>): Headers {
  const headers = new Headers({ 'Content-Type': JSON_TYPE, 'Request-Id': requestId });
  if (extra) for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

export function errorResponse(
  error: ApiError,
  requestId: string,
  extra?: Record<string, string>,
): Response {
  return new Response(errorBody(error), {
    status: error.status,
    headers: baseHeaders(requestId, extra),
  });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(500, 'Internal Server Error', 'The mock failed to handle this request');
}
