import { ApiError } from '../core/errors.js';
import type { MockAnswer } from './mock-request.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function errorBody(error: ApiError): string {
  const item: { title: string; details?: string } = { title: error.title };
  if (error.details !== undefined) item.details = error.details;
  return JSON.stringify({ errors: [item] });
}

/** Headers every answer carries. */
export function baseHeaders(
  requestId: string,
  extra?: Record<string, string>,
): Record<string, string> {
  return { 'Content-Type': JSON_TYPE, 'Request-Id': requestId, ...extra };
}

export function errorAnswer(
  error: ApiError,
  requestId: string,
  extra?: Record<string, string>,
): MockAnswer {
  return { status: error.status, headers: baseHeaders(requestId, extra), body: errorBody(error) };
}

export function errorResponse(
  error: ApiError,
  requestId: string,
  extra?: Record<string, string>,
): Response {
  const answer = errorAnswer(error, requestId, extra);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(500, 'Internal Server Error', 'The mock failed to handle this request');
}
