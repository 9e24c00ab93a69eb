import { operations } from '@persona-kit/spec';
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { ApiError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { adminHandlers } from './admin.js';
import { pipelineDeps } from './dispatch.js';
import type { HandlerOptions } from './handler-options.js';
import { fromFetch, toFetch } from './mock-request.js';
import { handle, type PipelineDeps } from './pipeline.js';
import { errorResponse } from './respond.js';

/**
 * msw handlers for every operation of the spec that has a route, then the
 * admin routes, over the pipeline `deps` (shared with `dispatch`,
 * http/dispatch.ts).
 */
export function createHandlers(
  options: HandlerOptions,
  deps: PipelineDeps = pipelineDeps(options),
): { handlers: HttpHandler[] } {
  const base = options.baseUrl.replace(/\/+$/, '');
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
  return { handlers };
}
