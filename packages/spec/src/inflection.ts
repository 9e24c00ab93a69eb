// Key-Inflection: Persona answers with kebab-case keys unless the request asks for
// `Key-Inflection: camel` or `snake`. Keys inside `fields` (custom fields, also in
// an event's payload) are stored as the organization named them and never change,
// nor do the HTTP header names an API log records under `headers`.

export type KeyInflection = 'kebab' | 'camel' | 'snake';

export const keyInflections: readonly KeyInflection[] = ['kebab', 'camel', 'snake'];

/**
 * Subtrees under these keys are copied unchanged: custom fields keep their
 * organization's names, and an API log's `headers` keep HTTP's header names.
 */
const UNINFLECTED = new Set(['fields', 'headers']);

/** Documents repeat a small set of keys: each is converted once. */
function memo(convert: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let out = cache.get(key);
    if (out === undefined) {
      if (cache.size >= 10_000) cache.clear();
      out = convert(key);
      cache.set(key, out);
    }
    return out;
  };
}

const toCamel = memo((key) => key.replace(/-([a-z0-9])/gi, (_, c: string) => c.toUpperCase()));
const toSnake = memo((key) => key.replaceAll('-', '_'));
// A digit run after a letter starts a new word, as in every Persona key with digits.
const fromCamel = memo((key) =>
  key
    .replace(/(?<=[a-z0-9])([A-Z])/g, (_, c: string) => `-${c.toLowerCase()}`)
    .replace(/(?<=[a-zA-Z])(\d)/g, '-$1'),
);
const fromSnake = memo((key) => key.replaceAll('_', '-'));

/** `reference-id` → `referenceId` / `reference_id`; `address-street-1` → `addressStreet1`. */
export function inflectKey(kebabKey: string, to: KeyInflection): string {
  return to === 'camel' ? toCamel(kebabKey) : to === 'snake' ? toSnake(kebabKey) : kebabKey;
}

/** The inverse of {@link inflectKey}: `referenceId` → `reference-id`, `addressStreet1` → `address-street-1`. */
export function kebabKey(key: string, from: KeyInflection): string {
  return from === 'camel' ? fromCamel(key) : from === 'snake' ? fromSnake(key) : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function convert(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const child = value[key];
    const name = rename(key);
    out[name] = UNINFLECTED.has(key) || UNINFLECTED.has(name) ? child : convert(child, rename);
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

const SEPARATORS: Record<KeyInflection, RegExp> = {
  camel: /[-_]/,
  snake: /[-A-Z]/,
  kebab: /[_A-Z]/,
};
const inCasing: Record<KeyInflection, (key: string) => string> = {
  camel: memo((key) => String(!SEPARATORS.camel.test(key) && toCamel(fromCamel(key)) === key)),
  snake: memo((key) => String(!SEPARATORS.snake.test(key))),
  kebab: memo((key) => String(!SEPARATORS.kebab.test(key))),
};

/**
 * Converts a document sent with `Key-Inflection: from` back to kebab-case keys, and
 * lists the JSON pointers (kebab-case) of keys that were not in `from` casing, such as
 * `reference-id` in a document that should be camelCase. One walk does both.
 */
export function deinflectChecked<T>(
  value: T,
  from: KeyInflection,
): { value: T; misnamed: Array<{ pointer: string; key: string }> } {
  const misnamed: Array<{ pointer: string; key: string }> = [];
  const check = inCasing[from];
  const path: string[] = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map((item, i) => {
        path.push(String(i));
        const out = walk(item);
        path.pop();
        return out;
      });
    }
    if (!isPlainObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const key in node) {
      const name = kebabKey(key, from);
      path.push(name);
      if (check(key) !== 'true') {
        const pointer = path
          .map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`)
          .join('');
        misnamed.push({ pointer, key });
      }
      out[name] = UNINFLECTED.has(key) || UNINFLECTED.has(name) ? node[key] : walk(node[key]);
      path.pop();
    }
    return out;
  };
  return { value: walk(value) as T, misnamed };
}

/** Reads a `Key-Inflection` header value; anything unknown means the default, kebab. */
export function parseKeyInflection(value: string | null | undefined): KeyInflection {
  const v = value?.trim().toLowerCase();
  return v === 'camel' || v === 'snake' ? v : 'kebab';
}
