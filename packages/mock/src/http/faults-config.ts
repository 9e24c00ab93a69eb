import { invalid } from '../core/errors.js';
import type { FaultOptions } from './faults.js';

const faultSettings = ['latency', 'errorRate', 'errorStatus', 'rateLimit'];

/** Fault settings as sent to `PUT /__mock/faults`, checked member by member. */
export function checkFaults(value: unknown): FaultOptions {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('faults must be an object');
  }
  const input = value as Record<string, unknown>;
  const out: FaultOptions = {};
  for (const key of Object.keys(input)) {
    if (!faultSettings.includes(key)) {
      throw invalid(`unknown fault setting ${key} (settings: ${faultSettings.join(', ')})`);
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

/**
 * Fault settings after `PATCH /__mock/faults`: members sent replace the current
 * ones, `null` clears one, members not sent stay as they are.
 */
export function mergeFaults(current: FaultOptions, patch: unknown): FaultOptions {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    throw invalid('faults must be an object');
  }
  const cleared = Object.entries(patch).filter(([, value]) => value === null);
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
  const checked = checkFaults(set);
  const merged: Record<string, unknown> = { ...current, ...checked };
  for (const [key] of cleared) {
    if (!faultSettings.includes(key)) {
      throw invalid(`unknown fault setting ${key} (settings: ${faultSettings.join(', ')})`);
    }
    delete merged[key];
  }
  return merged as FaultOptions;
}
