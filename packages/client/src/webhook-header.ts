/** One `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` set of a Persona-Signature header. */
export interface SignatureSet {
  timestamp: number;
  signatures: string[];
}

/**
 * Parses a Persona-Signature header. While a secret rotates, Persona sends one
 * set per secret, separated by a space; a set may also carry several `v1` values.
 * Returns undefined when the header is malformed.
 */
export function parseSignatureHeader(header: string): SignatureSet[] | undefined {
  const sets: SignatureSet[] = [];
  for (const part of header.trim().split(/\s+/)) {
    let timestamp: number | undefined;
    const signatures: string[] = [];
    // An empty pair is a separator's trace: Node joins a repeated header with ", ".
    for (const pair of part.split(',').filter((p) => p.trim() !== '')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      const key = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (key === 't') {
        if (!/^\d{1,12}$/.test(value) || timestamp !== undefined) return undefined;
        timestamp = Number(value);
      } else if (key === 'v1') {
        if (value === '') return undefined;
        signatures.push(value.toLowerCase());
      }
      // Other schemes (v0, a future v2) are ignored rather than rejected.
    }
    if (timestamp === undefined || signatures.length === 0) return undefined;
    sets.push({ timestamp, signatures });
  }
  return sets.length > 0 ? sets : undefined;
}
