import type { ResourceRecord } from '../core/types.js';
import type { DeferredEntry } from '../services/history/bounded-logs.js';
import type { MockAnswer, MockRequest } from './mock-request.js';

const REQUEST_HEADERS = ['Accept', 'Host', 'Persona-Version', 'User-Agent'] as const;
const NUMERIC_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] as const;

/**
 * One answered request as `/api-logs` shows it. Recording one keeps what the
 * entry needs in one flat object (the body by reference, already parsed) and
 * builds the entry only when the log is read: most logs never are.
 */
export class ApiLogLine implements DeferredEntry {
  readonly #requestId: string;
  readonly #method: string;
  readonly #path: string;
  readonly #search: string;
  readonly #accept: string | null;
  readonly #host: string | null;
  readonly #personaVersion: string | null;
  readonly #userAgent: string | null;
  readonly #authorized: boolean;
  readonly #body: unknown;
  readonly #status: number;
  readonly #answerHeaders: Record<string, string>;
  readonly #atMs: number;

  constructor(
    requestId: string,
    request: MockRequest,
    body: unknown,
    answer: MockAnswer,
    /** When it was answered, on the organization's clock. */
    atMs: number,
  ) {
    this.#requestId = requestId;
    this.#method = request.method;
    this.#path = request.pathname;
    this.#search = request.search;
    this.#accept = request.header('accept');
    this.#host = request.header('host');
    this.#personaVersion = request.header('persona-version');
    this.#userAgent = request.header('user-agent');
    this.#authorized = request.header('authorization') !== null;
    this.#body = body;
    this.#status = answer.status;
    // Built fresh for each answer and never changed after: kept by reference.
    this.#answerHeaders = answer.headers;
    this.#atMs = atMs;
  }

  toRecord(): ResourceRecord {
    const headers: Record<string, string> = {};
    const sent = [this.#accept, this.#host, this.#personaVersion, this.#userAgent];
    for (const [i, name] of REQUEST_HEADERS.entries()) {
      const value = sent[i];
      if (value !== null && value !== undefined) headers[name] = value;
    }
    // The key itself never reaches a log: only that one was sent.
    if (this.#authorized) headers.Authorization = '****';
    const answered: Record<string, string | number> = {};
    for (const name of ['Request-Id', 'Content-Type'] as const) {
      const value = this.#answerHeaders[name];
      if (value !== undefined) answered[name] = value;
    }
    for (const name of NUMERIC_HEADERS) {
      const value = this.#answerHeaders[name];
      if (value !== undefined) answered[name] = Number(value);
    }
    return {
      type: 'api-log',
      id: this.#requestId,
      attributes: {
        request: {
          method: this.#method,
          path: this.#path,
          headers,
          'get-params': Object.fromEntries(new URLSearchParams(this.#search)),
          'post-params': isPlainObject(this.#body) ? this.#body : {},
        },
        response: { status: this.#status, headers: answered },
        'created-at': new Date(this.#atMs).toISOString(),
      },
    };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof FormData)
  );
}
