// msw handlers as a fetch function: the scenario suite (or a client) calls an
// in-process mock through it with no server and no network.
import { getResponse, type RequestHandler } from 'msw';
import { rememberRequest } from './exchange.js';
import type { FetchFunction } from './validating-fetch.js';

/**
 * `fetch` answered by msw handlers, e.g. `handlersFetch(createPersonaMock().handlers)`.
 * Like a real fetch, the Response carries its URL; and its request is remembered, so
 * `toMatchApiSpec()` needs no `{ method }`. A request no handler matches is answered
 * 404 in plain text, so it shows up as a violation instead of reaching the network.
 */
export function handlersFetch(handlers: readonly RequestHandler[]): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    const sent = { method: request.method, url: request.url, headers: request.headers };
    const response =
      (await getResponse([...handlers], request)) ??
      new Response(`no msw handler matched ${request.method} ${request.url}`, {
        status: 404,
        headers: { 'Content-Type': 'text/plain' },
      });
    if (!response.url) Object.defineProperty(response, 'url', { value: request.url });
    rememberRequest(response, sent);
    return response;
  };
}
