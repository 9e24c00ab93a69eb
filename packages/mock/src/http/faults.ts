/** Faults a server injects into every request, or one request asks for. */
export interface FaultOptions {
  /** Added delay in milliseconds: a fixed value or a `[min, max]` range. */
  latency?: number | [number, number];
  /** Share of requests (0..1) answered with `errorStatus` instead. */
  errorRate?: number;
  /** Status of injected errors (default 503). */
  errorStatus?: 500 | 502 | 503;
  /** Requests allowed per API key per window; beyond it, 429 until the window resets. */
  rateLimit?: { limit: number; windowMs?: number };
}

export interface RequestFault {
  delayMs: number;
  /** A status to answer at once instead of handling the request. */
  status?: number;
  rateLimit?: { limit: number; remaining: number; resetSeconds: number };
}

/**
 * What a forced 429 (`Prefer: code=429`) reports when no rate limit is
 * configured: a plausible limit, used up, open again in a second.
 */
export const forcedRateLimit = { limit: 300, remaining: 0, resetSeconds: 1 } as const;

interface Window {
  start: number;
  count: number;
}

/**
 * Decides the faults of one request. Per request, the `Prefer` header follows
 * Prism's convention: `Prefer: code=429` answers that status; `latency=200`
 * or `latency=100-300` delays the answer.
 */
export class FaultInjector {
  readonly #windows = new Map<string, Window>();

  constructor(
    public options: FaultOptions = {},
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  decide(orgId: string, prefer: string | null): RequestFault {
    const asked = parsePrefer(prefer);
    const latency = asked.latency ?? this.options.latency;
    const fault: RequestFault = { delayMs: this.#delay(latency) };
    if (asked.code !== undefined) {
      fault.status = asked.code;
      if (asked.code === 429) fault.rateLimit = this.#forcedLimit(orgId);
      return fault;
    }
    const limit = this.options.rateLimit;
    if (limit) {
      const windowMs = limit.windowMs ?? 60_000;
      const now = this.now();
      let window = this.#windows.get(orgId);
      if (!window || now - window.start >= windowMs) {
        window = { start: now, count: 0 };
        this.#windows.set(orgId, window);
      }
      window.count++;
      const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
      fault.rateLimit = {
        limit: limit.limit,
        remaining: Math.max(0, limit.limit - window.count),
        resetSeconds,
      };
      if (window.count > limit.limit) {
        fault.status = 429;
        return fault;
      }
    }
    const rate = this.options.errorRate ?? 0;
    if (rate > 0 && this.random() < rate) fault.status = this.options.errorStatus ?? 503;
    return fault;
  }

  /** The configured limit as used up, with the seconds left in the key's window. */
  #forcedLimit(orgId: string): RequestFault['rateLimit'] {
    const limit = this.options.rateLimit;
    if (!limit) return { ...forcedRateLimit };
    const windowMs = limit.windowMs ?? 60_000;
    const window = this.#windows.get(orgId);
    const left = window ? window.start + windowMs - this.now() : windowMs;
    return { limit: limit.limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(left / 1000)) };
  }

  reset(): void {
    this.#windows.clear();
  }

  #delay(latency: number | [number, number] | undefined): number {
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return Math.max(0, latency);
    const [min, max] = latency;
    return Math.max(0, min + this.random() * Math.max(0, max - min));
  }
}

export function parsePrefer(header: string | null): {
  code?: number;
  latency?: number | [number, number];
} {
  const out: { code?: number; latency?: number | [number, number] } = {};
  if (!header) return out;
  for (const part of header.split(/[,;]/)) {
    const [rawKey, rawValue] = part.split('=');
    const key = rawKey?.trim().toLowerCase();
    const value = rawValue?.trim();
    if (!key || !value) continue;
    if (key === 'code' && /^[1-5]\d\d$/.test(value)) out.code = Number(value);
    if (key === 'latency') {
      const range = /^(\d+)-(\d+)$/.exec(value);
      if (range) out.latency = [Number(range[1]), Number(range[2])];
      else if (/^\d+$/.test(value)) out.latency = Number(value);
    }
  }
  return out;
}
