import type { ResourceRecord } from '../../core/types.js';

/** A signing secret; `expiresAt` (ISO time) is null for the current one. */
export interface WebhookSecret {
  value: string;
  expiresAt: string | null;
}

/** How long the previous secret stays live after a rotation, when the request does not say. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;

export function newSecret(): WebhookSecret {
  return { value: `wbhsec_${crypto.randomUUID()}`, expiresAt: null };
}

/** Every secret kept on the webhook, newest first. */
export function secretsOf(webhook: ResourceRecord): WebhookSecret[] {
  return (webhook.internal?.secrets as WebhookSecret[] | undefined) ?? [];
}

/** Secrets that still sign deliveries at `now`: the current one and those not yet expired. */
export function liveSecrets(webhook: ResourceRecord, now: string): WebhookSecret[] {
  const at = Date.parse(now);
  return secretsOf(webhook).filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > at);
}

/** A new current secret; the previous current one expires `overlapSeconds` from now. */
export function rotateSecrets(
  webhook: ResourceRecord,
  now: string,
  overlapSeconds: number,
): WebhookSecret[] {
  const expiresAt = new Date(Date.parse(now) + overlapSeconds * 1000).toISOString();
  const kept = liveSecrets(webhook, now).map((s) =>
    s.expiresAt === null ? { value: s.value, expiresAt } : s,
  );
  // An overlap of 0 ends the previous secret at once.
  const previous = overlapSeconds > 0 ? kept : [];
  return [newSecret(), ...previous];
}
