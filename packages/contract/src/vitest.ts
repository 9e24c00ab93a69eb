// `expect(response).toMatchApiSpec()` for vitest: call `installMatchers()` once
// (in a setup file) and await the assertion, since reading a body is async.
import type { Violation } from '@persona-kit/spec';
import { expect, type MatcherState } from 'vitest';
import { failing } from './drift.js';
import {
  type ExchangeOptions,
  exchangeOf,
  type FetchResultLike,
  isFetchResult,
  type RequestLike,
} from './exchange.js';
import { formatViolations } from './format.js';
import { validateResponse } from './validate.js';

export interface MatchApiSpecOptions extends ExchangeOptions {
  /** Additive drift (a member or enum value the spec does not know) fails too. */
  strict?: boolean;
}

/** What `toMatchApiSpec` accepts: a Response, an openapi-fetch result, or a request and its response. */
export type ApiExchange = Response | FetchResultLike | { request: RequestLike; response: Response };

function split(received: unknown): { subject: Response | FetchResultLike; request?: RequestLike } {
  if (received instanceof Response || isFetchResult(received)) return { subject: received };
  const pair = received as { request?: RequestLike; response?: unknown } | null;
  if (pair && pair.response instanceof Response && pair.request) {
    return { subject: pair.response, request: pair.request };
  }
  throw new TypeError(
    'toMatchApiSpec expects a fetch Response, an openapi-fetch result { data, error, response } or { request, response }',
  );
}

async function toMatchApiSpec(
  this: MatcherState,
  received: unknown,
  options: MatchApiSpecOptions = {},
) {
  const { subject, request } = split(received);
  const { strict, ...exchangeOptions } = options;
  const exchange = await exchangeOf(
    subject,
    request ? { request, ...exchangeOptions } : exchangeOptions,
  );
  const violations: Violation[] = failing(
    [...exchange.violations, ...validateResponse(exchange.input)],
    strict,
  );
  const { method, path, status } = exchange.input;
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? `expected ${method} ${path} ${status} not to match the API spec, but it does`
        : `expected ${method} ${path} ${status} to match the API spec:\n${formatViolations(violations)}`,
    actual: violations.map((v) => v.message),
    expected: [],
  };
}

/** The matchers, for `expect.extend` in a runner other than vitest's own `expect`. */
export const apiSpecMatchers = { toMatchApiSpec };

/** Adds `toMatchApiSpec` to vitest's `expect`. */
export function installMatchers(): void {
  expect.extend(apiSpecMatchers);
}

export interface ApiSpecMatchers {
  /**
   * Checks a response against Persona's spec: status, headers, content type, body.
   * Await it. Give `{ method }` or `{ request }` when the response did not come
   * through `validatingFetch` and its path has several methods.
   */
  toMatchApiSpec(options?: MatchApiSpecOptions): Promise<void>;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: mirrors vitest's own declaration
  interface Assertion<T = any> extends ApiSpecMatchers {}
}
