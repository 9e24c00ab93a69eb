import { ensureIdempotencyKey } from './idempotency.js';
import type { PersonaLogFields, PersonaLogger } from './logger.js';
import { takeNoRetry } from './no-retry.js';
import { forcesStatus } from './prefer.js';
import { rememberRequest } from './request-info.js';
import { backoffMs, isRetryableStatus, type RetryPolicy, serverDelayMs } from './retry-policy.js';

/** What openapi-fetch calls to send a request. */
export type FetchFunction = (request: Request) => Promise<Response>;

export interface PersonaFetchOptions {
  /** The transport; resolved at call time by default so interceptors installed later still apply. */
  fetch?: FetchFunction | undefined;
  retry: RetryPolicy | false;
  logger?: PersonaLogger | undefined;
}

/**
 * The fetch handed to openapi-fetch: adds the Idempotency-Key, retries 429, 5xx and
 * network errors with backoff, and records each response's request for errors.
 * Retrying here, below openapi-fetch, sends each attempt through the same Request
 * (cloned, since a body can be read once) without re-running the caller's middleware.
 */
export function createPersonaFetch({ fetch, retry, logger }: PersonaFetchOptions): FetchFunction {
  const send: FetchFunction = fetch ?? ((request) => globalThis.fetch(request));
  const retries = retry ? retry.retries : 0;

  return async function personaFetch(request) {
    const idempotencyKey = ensureIdempotencyKey(request);
    const base = { method: request.method, url: request.url };
    const log = (message: string, fields: Omit<PersonaLogFields, 'method' | 'url'>) =>
      logger?.debug(message, { ...base, ...fields, ...(idempotencyKey && { idempotencyKey }) });

    // A forced status (Prefer: code=429) is the same on every attempt: one is enough.
    const once = takeNoRetry(request) || forcesStatus(request);
    for (let attempt = 1; ; attempt++) {
      const last = !retry || once || attempt > retries;
      log('persona: request', { attempt });
      let response: Response;
      try {
        // A body can be read once: earlier attempts send a clone, the last may consume
        // the original. Bodiless requests (most calls) need no clone, which is not free.
        response = await send(last || request.body === null ? request : request.clone());
      } catch (error) {
        // A caller's abort is a decision, not a failure: never retried.
        if (last || request.signal.aborted || !retry) throw error;
        const delayMs = backoffMs(retry, attempt);
        log('persona: retrying after a network error', {
          attempt,
          delayMs,
          reason: error instanceof Error ? error.message : 'network error',
        });
        await retry.sleep(delayMs, request.signal);
        continue;
      }

      rememberRequest(response, base);
      const status = response.status;
      if (logger) {
        const requestId = response.headers.get('Request-Id') ?? undefined;
        log('persona: response', { attempt, status, ...(requestId && { requestId }) });
      }
      if (last || !retry || !isRetryableStatus(status)) return response;

      const asked = serverDelayMs(response.headers);
      if (asked !== undefined && asked > retry.maxDelayMs) {
        // Waiting longer than allowed would block the caller; hand the 429/5xx back instead.
        log('persona: not retrying, the server asked for a longer wait than maxDelayMs', {
          attempt,
          status,
          delayMs: asked,
        });
        return response;
      }
      const delayMs = asked ?? backoffMs(retry, attempt);
      // Release the connection; this body will never be read. Not awaited: some
      // transports (msw among them) never settle the cancellation.
      void response.body?.cancel().catch(() => {});
      log('persona: retrying', { attempt, status, delayMs, reason: `status ${status}` });
      await retry.sleep(delayMs, request.signal);
    }
  };
}
