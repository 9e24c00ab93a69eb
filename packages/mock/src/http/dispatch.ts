import { findOperation } from '@persona-kit/spec';
import type { HandlerOptions } from './handler-options.js';
import type { MockAnswer, MockRequest } from './mock-request.js';
import { handle, type PipelineDeps } from './pipeline.js';

export function basePathOf(baseUrl: string): string {
  const path = baseUrl.startsWith('*') ? baseUrl.slice(1) : new URL(baseUrl).pathname;
  return path.replace(/\/+$/, '');
}

/** Answers a request already in hand through the pipeline; null when no API operation matches. */
export type Dispatch = (request: MockRequest) => Promise<MockAnswer> | null;

/** What the pipeline needs, made once and shared by `dispatch` and the msw handlers. */
export function pipelineDeps(options: HandlerOptions): PipelineDeps {
  return {
    core: options.core,
    faults: options.faults,
    idempotency: options.idempotency,
    basePath: basePathOf(options.baseUrl),
    ...(options.onError ? { onError: options.onError } : {}),
  };
}

/**
 * The pipeline and routes for a request that is already in hand (the HTTP
 * server): the operation is found by the spec's path index. Needs no msw.
 */
export function createDispatch(options: HandlerOptions, deps: PipelineDeps): Dispatch {
  // Once loaded, a request goes straight in rather than waiting a turn behind `ready`.
  let loaded = false;
  options.ready.then(
    () => {
      loaded = true;
    },
    () => undefined,
  );
  return (request) => {
    const { pathname } = request;
    if (!pathname.startsWith(deps.basePath)) return null;
    const match = findOperation(request.method, pathname.slice(deps.basePath.length) || '/');
    const route = match ? options.routes[match.operation.operationId] : undefined;
    if (!match || !route) return null;
    const { operationId } = match.operation;
    if (loaded) return handle(deps, operationId, route, request, match.pathParams);
    return options.ready.then(() => handle(deps, operationId, route, request, match.pathParams));
  };
}
