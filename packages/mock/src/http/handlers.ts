import { findOperation, operations } from '@persona-kit/spec';
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { ApiError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { adminHandlers } from './admin.js';
import type { HandlerOptions } from './handler-options.js';
import { fromFetch, type MockAnswer, type MockRequest, toFetch } from './mock-request.js';
import { handle } from './pipeline.js';
import { errorResponse } from './respond.js';

export function basePathOf(baseUrl: string): string {
  const path = baseUrl.startsWith('*') ? baseUrl.slice(1) : new URL(baseUrl).pathname;
  return path.replace(/\/+$/, '');
}

export interface Dispatcher {
  /** msw handlers for every operation of the spec that has a route, then the admin routes. */
  handlers: HttpHandler[];
  /**
   * The same pipeline and routes for a request that is already in hand (the
   * HTTP server): the operation is found by the spec's path index. Null when
   * no API operation matches.
   */
  dispatch(request: MockRequest): Promise<MockAnswer> | null;
}

export function createHandlers(options: HandlerOptions): Dispatcher {
  const base = options.baseUrl.replace(/\/+$/, '');
  const deps = {
    core: options.core,
    faults: options.faults,
    idempotency: options.idempotency,
    basePath: basePathOf(options.baseUrl),
    ...(options.onError ? { onError: options.onError } : {}),
  };
  // Literal segments first, so `/accounts/search` never reads as an account id.
  const sorted = [...operations].sort(
    (a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0),
  );
  const handlers: HttpHandler[] = [];
  for (const operation of sorted) {
    const route = options.routes[operation.operationId];
    if (!route) continue;
    let n = 0;
    const pattern = base + operation.path.replace(/\{[^}]+\}/g, () => `:p${n++}`);
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put';
    handlers.push(
      http[method](pattern, async ({ request }) => {
        await options.ready;
        return toFetch(await handle(deps, operation.operationId, route, fromFetch(request)));
      }),
    );
  }
  handlers.push(...adminHandlers(options));
  // Anything else under the API's base path is an unknown route, answered as Persona would.
  handlers.push(
    http.all(`${base}/*`, ({ request }) =>
      errorResponse(
        new ApiError(
          404,
          'Not Found',
          `No route matches ${request.method} ${new URL(request.url).pathname}`,
        ),
        newId('req'),
      ),
    ),
  );
  const dispatch = (request: MockRequest): Promise<MockAnswer> | null => {
    const { pathname } = request.url;
    if (!pathname.startsWith(deps.basePath)) return null;
    const match = findOperation(request.method, pathname.slice(deps.basePath.length) || '/');
    const route = match ? options.routes[match.operation.operationId] : undefined;
    if (!match || !route) return null;
    return options.ready.then(() =>
      handle(deps, match.operation.operationId, route, request, match.pathParams),
    );
  };
  return { handlers, dispatch };
}
