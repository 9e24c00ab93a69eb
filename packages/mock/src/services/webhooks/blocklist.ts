/**
 * Removes what a webhook's attributes blocklist names from an event's
 * payload (`{ data: object }`), in place. A plain name drops that attribute of
 * the object; a path starting with `/` drops what it points to within the
 * payload. `*` in a name or a path segment matches any run of characters.
 */
export function applyBlocklist(payload: Record<string, unknown>, blocklist: unknown[]): void {
  for (const entry of blocklist) {
    if (typeof entry !== 'string' || entry === '') continue;
    const path = entry.startsWith('/') ? entry.slice(1).split('/') : ['data', 'attributes', entry];
    remove(payload, path.map(matcher));
  }
}

function remove(node: unknown, path: ((key: string) => boolean)[]): void {
  if (node === null || typeof node !== 'object' || path.length === 0) return;
  const [here, ...rest] = path as [(key: string) => boolean, ...((key: string) => boolean)[]];
  const object = node as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!here(key)) continue;
    if (rest.length === 0) delete object[key];
    else remove(object[key], rest);
  }
}

const matchers = new Map<string, (key: string) => boolean>();

/** A segment as a test of keys: literal, or a glob when it holds `*`. */
function matcher(segment: string): (key: string) => boolean {
  let test = matchers.get(segment);
  if (!test) {
    if (!segment.includes('*')) {
      test = (key) => key === segment;
    } else {
      const source = segment
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      const pattern = new RegExp(`^${source}$`);
      test = (key) => pattern.test(key);
    }
    if (matchers.size < 1_000) matchers.set(segment, test);
  }
  return test;
}
