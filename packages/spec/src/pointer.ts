// JSON pointers (RFC 6901) and local `$ref` resolution inside one document.

export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return segments.reduce<string>((p, s) => `${p}/${escapePointerSegment(String(s))}`, base);
}

export function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerSegment);
}

export function getByPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export interface Resolved<T> {
  value: T;
  /** Where the value lives in the document, after following every `$ref`. */
  pointer: string;
}

function isRef(value: unknown): value is { $ref: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

/**
 * Follows `$ref`s (`#/…` only: a bundled document has no other kind) until a value
 * that is not a reference. Throws on a dangling or external reference: the bundle is broken.
 */
export function resolveRef<T>(document: unknown, value: unknown, pointer: string): Resolved<T> {
  const seen = new Set<string>();
  while (isRef(value)) {
    const ref = value.$ref;
    if (!ref.startsWith('#')) throw new Error(`unsupported $ref ${ref} at ${pointer}`);
    if (seen.has(ref)) throw new Error(`circular $ref ${ref} at ${pointer}`);
    seen.add(ref);
    pointer = decodeURIComponent(ref.slice(1));
    value = getByPointer(document, pointer);
    if (value === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return { value: value as T, pointer };
}

export type RefResolver = <T>(value: unknown, pointer: string) => Resolved<T>;

/**
 * `resolveRef` that follows each `$ref` once: the operation index resolves
 * thousands of references to a few hundred shared targets.
 */
export function refResolver(document: unknown): RefResolver {
  const targets = new Map<string, Resolved<unknown>>();
  return <T>(value: unknown, pointer: string): Resolved<T> => {
    if (!isRef(value)) return { value: value as T, pointer };
    let target = targets.get(value.$ref);
    if (!target) {
      target = resolveRef(document, value, pointer);
      targets.set(value.$ref, target);
    }
    return target as Resolved<T>;
  };
}
