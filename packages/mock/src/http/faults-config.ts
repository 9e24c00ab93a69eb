import { invalid } from '../core/errors.js';
import type { FaultOptions } from './faults.js';

/** Fault settings as sent to `PUT /__mock/faults`, checked member by member. */
export function checkFaults(value: unknown): FaultOptions {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('faults must be an object');
  }
  const input = value as Record<string, unknown>;
  const out: FaultOptions = {};
  for (const key of Object.keys(input)) {
    if (!['latency', 'errorRate', 'errorStatus', 'rateLimit'].includes(key)) {
      throw invalid(`unknown fault setting ${key}`);
    }
  }
  const { latency, errorRate, errorStatus, rateLimit } = input;
  if (latency !== undefined) {
    const ok =
      (typeof latency === 'number' && latency >= 0) ||
      (Array.isArray(latency) &&
        latency.length === 2 &&
        latency.every((n) => typeof n === 'number' && n >= 0) &&
        (latency[0] as number) <= (latency[1] as number));
    if (!ok) throw invalid('latency must be milliseconds or a [min, max] range');
    out.latency = latency as FaultOptions['latency'] & {};
  }
  if (errorRate !== undefined) {
    if (typeof errorRate !== 'number' || errorRate < 0 || errorRate > 1) {
      throw invalid('errorRate must be a number from 0 to 1');
    }
    out.errorRate = errorRate;
  }
  if (errorStatus !== undefined) {
    if (errorStatus !== 500 && errorStatus !== 502 && errorStatus !== 503) {
      throw invalid('errorStatus must be 500, 502 or 503');
    }
    out.errorStatus = errorStatus;
  }
  if (rateLimit !== undefined) {
    const limit = rateLimit as { limit?: unknown; windowMs?: unknown };
    if (
      !limit ||
      typeof limit !== 'object' ||
      typeof limit.limit !== 'number' ||
      !Number.isInteger(limit.limit) ||
      limit.limit < 0 ||
      (limit.windowMs !== undefined && (typeof limit.windowMs !== 'number' || limit.windowMs <= 0))
    ) {
      throw invalid('rateLimit must be { limit: integer ≥ 0, windowMs?: number > 0 }');
    }
    out.rateLimit = {
      limit: limit.limit,
      ...(limit.windowMs !== undefined ? { windowMs: limit.windowMs as number } : {}),
    };
  }
  return out;
}
