const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Persona-style id: a prefix and 24 random letters or digits (`act_…`, `inq_…`). */
export function newId(prefix: string, length = 24): string {
  const codes = new Array<number>(length);
  // 248 is the largest multiple of 62 below 256: skipping bytes above it keeps letters uniform.
  for (let i = 0; i < length; ) {
    const b = randomByte();
    if (b < 248) codes[i++] = alphabet.charCodeAt(b % 62);
  }
  return `${prefix}_${String.fromCharCode(...codes)}`;
}

let pool = new Uint8Array(0);
let at = 0;

/** Random bytes drawn from the system in bulk: ids are made by the thousand in an import. */
function randomByte(): number {
  if (at >= pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(16 * 1024));
    at = 0;
  }
  return pool[at++] as number;
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

/** Request ids: one per request, so they share the bulk random source. */
export const requestIds = { next: (): string => newId('req') };
