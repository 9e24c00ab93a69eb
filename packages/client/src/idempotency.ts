export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * Gives a POST an Idempotency-Key unless the caller chose one. Set once, before the
 * first attempt, so every retry carries the same key and Persona acts at most once.
 */
export function ensureIdempotencyKey(request: Request): string | undefined {
  if (request.method !== 'POST') return request.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
  const given = request.headers.get(IDEMPOTENCY_HEADER);
  if (given) return given;
  const key = randomKey();
  request.headers.set(IDEMPOTENCY_HEADER, key);
  return key;
}

function randomKey(): string {
  const { crypto } = globalThis;
  // randomUUID exists only in secure contexts in browsers; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
