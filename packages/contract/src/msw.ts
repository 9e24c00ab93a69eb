// msw handlers as a fetch function: the scenario suite (or a client) calls an
// in-process mock through it with no server and no network.
import { getResponse, type RequestHandler } from 'msw';
import type { FetchFunction } from './validating-fetch.js';

/**
 * `fetch` answered by msw handlers, e.g. `handlersFetch(createPersonaMock().handlers)`.
 * A request no handler matches is answered 404 in plain text, so it shows up as a
 * violation instead of reaching the network.
 */
export function handlersFetch(handlers: readonly RequestHandler[]): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse([...handlers], request);
    return (
      response ??
      new Response(`no msw handler matched ${request.method} ${request.url}`, {
        status: 404,
        headers: { 'Content-Type': 'text/plain' },
      })
    );
  };
}
