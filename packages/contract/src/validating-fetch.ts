// A fetch that checks every answer against the spec: hand it to the client
// (`createPersonaClient({ fetch: validatingFetch(fetch) })`) in a team's own
// tests, and a payload that drifted from the spec fails where it was received.
import { type Violation, validateRequest } from '@persona-kit/spec';
import { failing } from './drift.js';
import { exchangeOf, rememberRequest } from './exchange.js';
import { formatViolations } from './format.js';
import { validateResponse } from './validate.js';

export class ContractViolationError extends Error {
  constructor(readonly violations: Violation[]) {
    super(`the API answered outside its spec:\n${formatViolations(violations)}`);
    this.name = 'ContractViolationError';
  }
}

export interface ValidatingFetchOptions {
  /**
   * What to do with the failing violations of one exchange: `throw` (the default) rejects the
   * fetch with a ContractViolationError; `collect` only keeps them in `.violations`;
   * a function is called with them (and may throw).
   */
  onViolation?: 'throw' | 'collect' | ((violations: Violation[], request: Request) => void);
  /** Also check each request against the spec before sending it (default false). */
  validateRequests?: boolean;
  /**
   * Additive drift (a member or enum value the spec does not know) fails like breaking
   * drift. Without it, additive violations are only kept in `.violations`.
   */
  strict?: boolean;
}

export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface ValidatingFetch extends FetchFunction {
  /** Every violation seen so far, in order. */
  readonly violations: Violation[];
}

export function validatingFetch(
  fetchImpl: FetchFunction = globalThis.fetch,
  options: ValidatingFetchOptions = {},
): ValidatingFetch {
  const violations: Violation[] = [];
  const report = (found: Violation[], request: Request) => {
    violations.push(...found);
    const failed = failing(found, options.strict);
    if (failed.length === 0) return;
    const handler = options.onViolation ?? 'throw';
    if (handler === 'throw') throw new ContractViolationError(failed);
    if (typeof handler === 'function') handler(failed, request);
  };

  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (options.validateRequests) report(await requestViolations(request.clone()), request);
    const response = await fetchImpl(request);
    rememberRequest(response, {
      method: request.method,
      url: request.url,
      headers: request.headers,
    });
    const exchange = await exchangeOf(response);
    report([...exchange.violations, ...validateResponse(exchange.input)], request);
    return response;
  };
  return Object.assign(wrapped, { violations });
}

async function requestViolations(request: Request): Promise<Violation[]> {
  const url = new URL(request.url);
  const contentType = request.headers.get('content-type');
  let body: unknown;
  if (request.body !== null) {
    if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
      body = await request.formData();
    } else {
      const text = await request.text();
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
    }
  }
  return validateRequest({
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body,
    contentType,
  }).violations;
}
