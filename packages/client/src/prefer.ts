/**
 * What a mock server (persona-mock, Prism) is asked to answer, as the `Prefer`
 * header of one call: `code` forces a status, `latencyMs` a delay. Persona
 * itself ignores the header; use it against mocks.
 */
export interface PreferOptions {
  /** The status to answer, e.g. 429 or 503. */
  code?: number;
  /** A delay in milliseconds, or a `[min, max]` range. */
  latencyMs?: number | [number, number];
}

/**
 * Headers for one call: `client.GET('/accounts', { headers: prefer({ code: 429 }) })`.
 * A call that forces a status is never retried: every attempt would get the same answer.
 */
export function prefer(options: PreferOptions): { Prefer: string } {
  const parts: string[] = [];
  if (options.code !== undefined) {
    if (!Number.isInteger(options.code) || options.code < 100 || options.code > 599) {
      throw new RangeError(`prefer: code must be an HTTP status, got ${options.code}`);
    }
    parts.push(`code=${options.code}`);
  }
  if (options.latencyMs !== undefined) {
    const l = options.latencyMs;
    parts.push(`latency=${Array.isArray(l) ? `${l[0]}-${l[1]}` : l}`);
  }
  return { Prefer: parts.join(', ') };
}

/** Whether a request asks the server for a fixed status (`Prefer: code=429`). */
export function forcesStatus(request: Request): boolean {
  return /(^|[,;\s])code=\d{3}\b/i.test(request.headers.get('prefer') ?? '');
}
