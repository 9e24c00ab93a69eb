import type { ResourceRecord } from '../core/types.js';

/** How long an inquiry may stay unfinished when its template does not say: 24 hours. */
export const DEFAULT_INQUIRY_EXPIRY_SECONDS = 24 * 60 * 60;

/** The template's expiry in seconds; null when its inquiries never expire. */
export function inquiryExpirySeconds(template: ResourceRecord | undefined): number | null {
  const seconds = template?.internal?.expiresInSeconds;
  if (seconds === null) return null;
  return typeof seconds === 'number' ? seconds : DEFAULT_INQUIRY_EXPIRY_SECONDS;
}
