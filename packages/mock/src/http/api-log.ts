import type { ResourceRecord } from '../core/types.js';
import type { MockAnswer, MockRequest } from './mock-request.js';

const REQUEST_HEADERS = ['Accept', 'Host', 'Persona-Version', 'User-Agent'] as const;
const NUMERIC_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] as const;

/**
 * One answered request as `/api-logs` shows it. The body is kept by
 * reference, already parsed: recording a request serializes nothing.
 */
export function apiLogEntry(
  requestId: string,
  request: MockRequest,
  body: unknown,
  answer: MockAnswer,
  createdAt: string,
): ResourceRecord {
  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = request.header(name.toLowerCase());
    if (value !== null) headers[name] = value;
  }
  // The key itself never reaches a log: only that one was sent.
  if (request.header('authorization') !== null) headers.Authorization = '****';
  const answered: Record<string, string | number> = {};
  for (const name of ['Request-Id', 'Content-Type'] as const) {
    const value = answer.headers[name];
    if (value !== undefined) answered[name] = value;
  }
  for (const name of NUMERIC_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined) answered[name] = Number(value);
  }
  return {
    type: 'api-log',
    id: requestId,
    attributes: {
      request: {
        method: request.method,
        path: request.url.pathname,
        headers,
        'get-params': Object.fromEntries(request.url.searchParams),
        'post-params': isPlainObject(body) ? body : {},
      },
      response: { status: answer.status, headers: answered },
      'created-at': createdAt,
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof FormData)
  );
}
