// How scenario steps call the API: by operationId, with path ids, query, body
// and headers. Every answer is checked against the spec and recorded.
import { basePath, expandPath, getOperation, type Violation } from '@persona-kit/spec';
import { exchangeOf } from '../exchange.js';
import { validateResponse } from '../validate.js';
import type { FetchFunction } from '../validating-fetch.js';
import { AssertionFailed } from './assert.js';
import type { Call, Json, Mode } from './values.js';

export interface CallOptions {
  /** Path parameters by name: `{ 'account-id': 'act_…' }`. */
  params?: Record<string, string>;
  /** Query parameters in order: `{ 'filter[reference-id]': 'x', 'page[size]': 2 }`. */
  query?: Record<string, string | number | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** A multipart body. */
  form?: FormData;
  /** Form fields, sent as `application/x-www-form-urlencoded` (OAuth's operations). */
  fields?: Record<string, string>;
  /** A body sent exactly as given, with its content type (for malformed JSON). */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
  /** Send the API key (default true). */
  auth?: boolean;
  /**
   * The statuses the step expects; another one fails the step. In schema-only mode
   * only the class counts (any 2xx for a 2xx), since a stateless server picks its own.
   */
  expect?: number | number[];
  /** A path to request instead of the operation's, as given (a `links.next` URL). */
  url?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  violations: Violation[];
}

export interface ApiOptions {
  baseUrl: string;
  apiKey: string;
  fetch: FetchFunction;
  mode: Mode;
  /** Called with each call as it completes. */
  record: (call: Call) => void;
}

export class UnexpectedStatus extends AssertionFailed {}

export interface Api {
  call(operationId: string, options?: CallOptions): Promise<Answer>;
  /** The API's base URL, without a trailing slash. */
  readonly baseUrl: string;
}

function errorSummary(body: Json): string {
  const error = body?.errors?.[0];
  if (!error) return '';
  return ` (${[error.title, error.details].filter(Boolean).join(': ')})`;
}

function statusMatches(status: number, expected: number[], mode: Mode): boolean {
  if (mode === 'stateful') return expected.includes(status);
  return expected.some((e) => Math.floor(e / 100) === Math.floor(status / 100));
}

/**
 * `links.next` may be a whole URL, or a path with or without the API's base path
 * (`/api/v1/accounts?…`): a path is requested under the base URL, whatever its own
 * path is (a proxy in front of the API may serve it from `/`).
 */
function urlFor(baseUrl: string, link: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link)) return link;
  const base = new URL(baseUrl);
  const own = base.pathname.replace(/\/$/, '');
  const path = own !== '' && link.startsWith(`${own}/`) ? link.slice(own.length) : link;
  const relative = path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
  return `${base.origin}${own}${relative}`;
}

export function createApi(options: ApiOptions): Api {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return {
    baseUrl,
    async call(operationId, call = {}) {
      const operation = getOperation(operationId);
      if (!operation) throw new Error(`no operation ${operationId} in the spec`);
      let url: string;
      if (call.url !== undefined) {
        url = urlFor(baseUrl, call.url);
      } else {
        url = `${baseUrl}${expandPath(operation.path, call.params ?? {})}`;
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(call.query ?? {})) {
          if (value !== undefined) query.append(name, String(value));
        }
        const search = query.toString();
        if (search) url += `?${search}`;
      }
      const headers = new Headers(call.headers);
      if (call.auth !== false) headers.set('Authorization', `Bearer ${options.apiKey}`);
      let body: BodyInit | undefined;
      if (call.raw) {
        body = call.raw.text;
        headers.set('Content-Type', call.raw.contentType);
      } else if (call.form) {
        body = call.form;
      } else if (call.fields) {
        body = new URLSearchParams(call.fields).toString();
        headers.set('Content-Type', 'application/x-www-form-urlencoded');
      } else if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers.set('Content-Type', 'application/json');
      }
      const request = new Request(url, {
        method: operation.method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const response = await options.fetch(request);
      const exchange = await exchangeOf(response, { request });
      const input = { ...exchange.input, operationId };
      const violations = [...exchange.violations, ...validateResponse(input)];
      const { pathname, search } = new URL(url);
      options.record({
        operationId,
        method: operation.method,
        url: `${pathname}${search}`,
        status: response.status,
        violations,
      });
      const answer: Answer = {
        status: response.status,
        headers: response.headers,
        body: input.body,
        violations,
      };
      if (call.expect !== undefined) {
        const expected = Array.isArray(call.expect) ? call.expect : [call.expect];
        if (!statusMatches(response.status, expected, options.mode)) {
          throw new UnexpectedStatus(
            `${operation.method} ${pathname}: expected ${expected.join(' or ')}, got ${response.status}${errorSummary(input.body)}`,
          );
        }
      }
      return answer;
    },
  };
}
