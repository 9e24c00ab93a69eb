const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Persona-style id: a prefix and 24 random letters or digits (`act_…`, `inq_…`). */
export function newId(prefix: string, length = 24): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = `${prefix}_`;
  // 248 is the largest multiple of 62 below 256: rejecting above it keeps letters uniform.
  for (let i = 0; i < length; i++) {
    let b = bytes[i] as number;
    while (b >= 248) b = globalThis.crypto.getRandomValues(new Uint8Array(1))[0] as number;
    out += alphabet[b % 62];
  }
  return out;
}

/** FNV-1a, 64 bits, hex: names an organization after its API key without storing the key. */
export function hashKey(value: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < value.length; i++) {
    h ^= BigInt(value.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Request ids from a pool of random bytes refilled in bulk: one per request
 * must cost next to nothing.
 */
export const requestIds = {
  pool: new Uint8Array(0),
  at: 0,
  next(): string {
    if (this.at + 24 > this.pool.length) {
      this.pool = globalThis.crypto.getRandomValues(new Uint8Array(24 * 1024));
      this.at = 0;
    }
    let out = 'req_';
    for (let i = 0; i < 24; i++) out += alphabet[(this.pool[this.at++] as number) % 62];
    return out;
  },
};
