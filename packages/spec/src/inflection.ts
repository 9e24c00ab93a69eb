// Key-Inflection: Persona answers with kebab-case keys unless the request asks for
// `Key-Inflection: camel` or `snake`. Keys inside `fields` (custom fields, also in
// an event's payload) are stored as the organization named them and never change.

export type KeyInflection = 'kebab' | 'camel' | 'snake';

export const keyInflections: readonly KeyInflection[] = ['kebab', 'camel', 'snake'];

/** Subtrees under these keys are copied unchanged. */
const UNINFLECTED = 'fields';

/** `reference-id` → `referenceId` / `reference_id`; `address-street-1` → `addressStreet1`. */
export function inflectKey(kebabKey: string, to: KeyInflection): string {
  if (to === 'snake') return kebabKey.replaceAll('-', '_');
  if (to === 'camel') {
    return kebabKey.replace(/-([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
  }
  return kebabKey;
}

/**
 * The inverse of {@link inflectKey}: `referenceId` → `reference-id`,
 * `addressStreet1` → `address-street-1`. A digit run after a letter starts a new
 * word, as in every Persona key with digits.
 */
export function kebabKey(key: string, from: KeyInflection): string {
  if (from === 'snake') return key.replaceAll('_', '-');
  if (from === 'camel') {
    return key
      .replace(/(?<=[a-z0-9])([A-Z])/g, (_, c: string) => `-${c.toLowerCase()}`)
      .replace(/(?<=[a-zA-Z])(\d)/g, '-$1');
  }
  return key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function convert(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = rename(key);
    out[name] = name === UNINFLECTED || key === UNINFLECTED ? child : convert(child, rename);
  }
  return out;
}

/**
 * Converts every key of a document from `from` casing (kebab by default) to `to`,
 * leaving `fields` alone. Answers a new value; the input is not changed.
 * `inflectKeys(doc, 'camel')` produces what Persona sends for `Key-Inflection: camel`;
 * `inflectKeys(camelDoc, 'kebab', 'camel')` undoes it.
 */
export function inflectKeys<T>(value: T, to: KeyInflection, from: KeyInflection = 'kebab'): T {
  if (to === from) return value;
  return convert(value, (key) => inflectKey(kebabKey(key, from), to)) as T;
}

/** Converts a document sent with `Key-Inflection: from` back to kebab-case keys. */
export function deinflectKeys<T>(value: T, from: KeyInflection): T {
  return inflectKeys(value, 'kebab', from);
}

/**
 * JSON pointers of the keys (outside `fields`) that are not in `inflection` casing,
 * such as `reference-id` in a document that should be camelCase.
 */
export function keysNotInflected(value: unknown, inflection: KeyInflection): string[] {
  const found: string[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${pointer}/${i}`);
      });
      return;
    }
    if (!isPlainObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (inflectKey(kebabKey(key, inflection), inflection) !== key || !inCase(key, inflection)) {
        found.push(at);
      }
      if (key !== UNINFLECTED) walk(child, at);
    }
  };
  walk(value, '');
  return found;
}

function inCase(key: string, inflection: KeyInflection): boolean {
  if (inflection === 'camel') return !/[-_]/.test(key);
  if (inflection === 'snake') return !/[-A-Z]/.test(key);
  return !/[_A-Z]/.test(key);
}

/** Reads a `Key-Inflection` header value; anything unknown means the default, kebab. */
export function parseKeyInflection(value: string | null | undefined): KeyInflection {
  const v = value?.trim().toLowerCase();
  return v === 'camel' || v === 'snake' ? v : 'kebab';
}
