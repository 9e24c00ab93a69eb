// A Fetch Response (or an openapi-fetch result) as the input of a response check.
// A Response knows its URL and status but not its request's method: the caller
// says it, or the response went through `validatingFetch` or `handlersFetch`, which
// remember the request of every response they hand back.
import { findOperation, operations, type Violation } from '@persona-kit/spec';
import type { ContractResponseInput } from './validate.js';

export interface SentRequest {
  method: string;
  url: string;
  headers?: Headers;
}

const requests = new WeakMap<Response, SentRequest>();

/** Records which request a response answered. */
export function rememberRequest(response: Response, request: SentRequest): void {
  requests.set(response, request);
}

/** The request a response answered, when it came through `validatingFetch` or `handlersFetch`. */
export function requestOf(response: Response): SentRequest | undefined {
  return requests.get(response);
}

/** A request as a test may hold it: a Fetch Request, or its method and URL. */
export type RequestLike = Request | { method: string; url: string; headers?: HeadersInit };

export interface ExchangeOptions {
  /** The request's method, when nothing else tells it. */
  method?: string;
  /** The request's path or URL, when `response.url` is empty (a Response built by hand). */
  path?: string;
  /** The request the response answered: its method, URL and Key-Inflection header are used. */
  request?: RequestLike;
  /** The parsed body, for a Response whose body was read already. */
  body?: unknown;
}

/** An openapi-fetch result: `{ data, error, response }`. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export function isFetchResult(value: unknown): value is FetchResultLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Response) &&
    (value as { response?: unknown }).response instanceof Response &&
    ('data' in value || 'error' in value)
  );
}

export interface Exchange {
  input: ContractResponseInput;
  /** Problems found before schema validation (a body that is not JSON). */
  violations: Violation[];
}

function requestFrom(response: Response, options: ExchangeOptions): SentRequest | undefined {
  const given = options.request;
  if (given) {
    return {
      method: given.method,
      url: given.url,
      headers: given instanceof Request ? given.headers : new Headers(given.headers),
    };
  }
  return requestOf(response);
}

/** The one method the spec documents for a path, if there is exactly one. */
function onlyMethodFor(path: string): string | undefined {
  const methods = new Set(operations.map((o) => o.method));
  const found = [...methods].filter((m) => findOperation(m, path) !== null);
  return found.length === 1 ? found[0] : undefined;
}

/** Reads what a response check needs from a Response; the Response's own body is left unread. */
export async function exchangeOf(
  subject: Response | FetchResultLike,
  options: ExchangeOptions = {},
): Promise<Exchange> {
  const response = isFetchResult(subject) ? subject.response : subject;
  const request = requestFrom(response, options);
  const url = options.path ?? request?.url ?? response.url;
  if (!url) {
    throw new Error(
      'cannot tell which request this response answered: pass { path, method } or { request }',
    );
  }
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  const method = (options.method ?? request?.method ?? onlyMethodFor(path))?.toUpperCase();
  if (!method) {
    throw new Error(
      `cannot tell the method of the request to ${path}: pass { method } or { request }, or send it through validatingFetch`,
    );
  }
  const input: ContractResponseInput = {
    method,
    path,
    status: response.status,
    headers: response.headers,
    keyInflection: request?.headers?.get('key-inflection') ?? null,
  };
  const violations: Violation[] = [];
  if ('body' in options) {
    input.body = options.body;
  } else if (isFetchResult(subject)) {
    input.body = subject.data ?? subject.error;
  } else {
    const read = await readBody(response);
    input.body = read.body;
    if (read.error) {
      const match = findOperation(method, path);
      violations.push({
        operationId: match?.operation.operationId ?? null,
        method,
        path: match?.operation.path ?? path.replace(/[?#].*$/s, ''),
        status: response.status,
        location: 'body',
        pointer: '',
        message: read.pdf
          ? `body is not a PDF: ${read.error}`
          : `body is not valid JSON: ${read.error}`,
        kind: 'invalid-value',
        severity: 'breaking',
        expected: read.pdf ? 'PDF (starting %PDF-)' : 'JSON',
        received: read.text.slice(0, 200),
      });
    }
  }
  return { input, violations };
}

/** What a PDF file starts with. */
const PDF_MAGIC = '%PDF-';

/** A PDF answer as its bytes; one that does not start as a PDF does is an error. */
async function readPdf(response: Response) {
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  const head = String.fromCharCode(...bytes.subarray(0, PDF_MAGIC.length));
  const text = `${bytes.length} bytes starting ${JSON.stringify(head)}`;
  if (head === PDF_MAGIC) return { body: bytes, text, pdf: true };
  return {
    body: bytes,
    text,
    pdf: true,
    error: `it starts ${JSON.stringify(head)}, not ${PDF_MAGIC}`,
  };
}

async function readBody(
  response: Response,
): Promise<{ body: unknown; text: string; error?: string; pdf?: boolean }> {
  if (response.bodyUsed) {
    throw new Error('the response body was read already: pass the parsed body as { body }');
  }
  if (/^application\/pdf\b/i.test(response.headers.get('content-type') ?? '')) {
    return readPdf(response);
  }
  const text = await response.clone().text();
  if (text === '') return { body: undefined, text };
  const type = response.headers.get('content-type') ?? '';
  const looksJson = /json/i.test(type) || /^\s*[[{]/.test(text);
  if (!looksJson) return { body: text, text };
  try {
    return { body: JSON.parse(text), text };
  } catch (error) {
    // A body sent as JSON that does not parse is itself a violation.
    if (/json/i.test(type)) return { body: text, text, error: (error as Error).message };
    return { body: text, text };
  }
}
