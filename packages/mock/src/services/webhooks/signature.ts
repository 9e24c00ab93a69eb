/** Web Crypto, so that signing works the same in Node and in the browser. */
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    if (keys.size < 1_000) keys.set(secret, key);
  }
  return key;
}

/** Hex HMAC-SHA256 of `text` under `secret`. */
export async function hmacHex(secret: string, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await keyFor(secret), encoder.encode(text));
  let hex = '';
  for (const byte of new Uint8Array(mac)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The `Persona-Signature` header: `t=<unix seconds>,v1=<hex HMAC of "t.body">`,
 * one such pair per live secret (newest first), separated by a space.
 */
export async function signatureHeader(
  body: string,
  secrets: string[],
  unixSeconds: number,
): Promise<string> {
  const signed = `${unixSeconds}.${body}`;
  const parts = await Promise.all(
    secrets.map(async (secret) => `t=${unixSeconds},v1=${await hmacHex(secret, signed)}`),
  );
  return parts.join(' ');
}
