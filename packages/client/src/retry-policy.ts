import { sleep } from './sleep.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Backoff ceiling of the first retry, in ms. Default 500. */
  minDelayMs?: number;
  /**
   * Longest wait, in ms. Backoff never exceeds it, and when the server asks for a
   * longer wait (Retry-After, RateLimit-Reset) the response is returned instead. Default 30 000.
   */
  maxDelayMs?: number;
  /** Growth of the backoff ceiling per retry. Default 2. */
  factor?: number;
  /** Replaces the timer, for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Replaces Math.random (a number in [0, 1)), for tests. */
  random?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY = {
  retries: 3,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
} as const;

export function resolveRetry(options: RetryOptions | false | undefined): RetryPolicy | false {
  if (options === false) return false;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    sleep,
    random: Math.random,
    ...withoutUndefined(options ?? {}),
  };
  if (!Number.isInteger(policy.retries) || policy.retries < 0) {
    throw new RangeError('retry.retries must be a non-negative integer');
  }
  if (!(policy.minDelayMs >= 0) || !(policy.maxDelayMs >= policy.minDelayMs)) {
    throw new RangeError('retry delays must satisfy 0 <= minDelayMs <= maxDelayMs');
  }
  if (!(policy.factor >= 1)) throw new RangeError('retry.factor must be at least 1');
  return policy;
}

/** 429 and 5xx are worth another try; any other 4xx would fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Exponential backoff with full jitter: a uniform wait between 0 and the ceiling,
 * so clients that failed together do not retry together.
 * `retry` counts from 1 for the first retry.
 */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * The wait the server asked for, in ms: `Retry-After` (seconds or an HTTP date),
 * else `RateLimit-Reset` (seconds until the window resets). Undefined when neither is usable.
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('Retry-After')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('RateLimit-Reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Number(reset) * 1000;
  return undefined;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
