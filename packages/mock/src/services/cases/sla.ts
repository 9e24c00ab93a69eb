import { invalid } from '../../core/errors.js';

/** The longest SLA a case may take: 90 days. */
export const MAX_SLA_SECONDS = 90 * 24 * 60 * 60;

/** When an SLA of `seconds` from now runs out; null clears it. */
export function slaExpiresAt(now: string, seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SLA_SECONDS) {
    throw invalid(
      `meta.sla-expires-in-seconds must be an integer from 1 to ${MAX_SLA_SECONDS} (90 days)`,
    );
  }
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}
