// Reads query parameters the way OpenAPI styles them: `form` (`include=a,b`,
// `tag=a&tag=b`) and `deepObject` (`page[size]=5`, `filter[reference-id]=x`).
import type { OperationParameter } from '../types.js';
import type { SchemaReader } from './coerce.js';

export type QueryInput =
  | URLSearchParams
  | string
  | Record<string, string | string[] | undefined>
  | undefined;

export function toSearchParams(query: QueryInput): URLSearchParams {
  if (query === undefined) return new URLSearchParams();
  if (query instanceof URLSearchParams) return query;
  if (typeof query === 'string') {
    // A path or URL with its query, or the query alone (with or without `?`).
    const isPath = query.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(query);
    const start = isPath ? query.indexOf('?') : -1;
    const text = isPath ? (start === -1 ? '' : query.slice(start + 1)) : query;
    return new URLSearchParams(text.replace(/#.*$/s, ''));
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

/** `filter[a][b]` → `['a', 'b']`; null when the key is not `name[…]`. */
function members(key: string, name: string): string[] | null {
  if (!key.startsWith(`${name}[`)) return null;
  const rest = key.slice(name.length);
  const found = [...rest.matchAll(/\[([^\]]*)\]/g)];
  if (found.map((m) => m[0]).join('') !== rest) return null;
  return found.map((m) => m[1]!);
}

export interface QueryValue {
  present: boolean;
  value: unknown;
}

function deepObject(
  reader: SchemaReader,
  param: OperationParameter,
  search: URLSearchParams,
): QueryValue {
  const texts = new Map<string, { path: string[]; values: string[] }>();
  for (const [key, value] of search) {
    const path = members(key, param.name);
    if (!path) continue;
    const id = JSON.stringify(path);
    const entry = texts.get(id) ?? { path, values: [] };
    entry.values.push(value);
    texts.set(id, entry);
  }
  if (texts.size === 0) {
    // `page=5` for a deepObject parameter: keep the text, validation reports the shape.
    const bare = search.getAll(param.name);
    return bare.length > 0
      ? { present: true, value: bare.length === 1 ? bare[0] : bare }
      : { present: false, value: undefined };
  }
  const root: Record<string, unknown> = {};
  for (const { path, values } of texts.values()) {
    let node = root;
    let schema = param.schema;
    path.forEach((segment, i) => {
      schema = schema === null ? null : reader.member(schema, segment);
      if (i === path.length - 1) {
        // Unknown members of a closed object stay strings; validation rejects them.
        node[segment] =
          schema === null
            ? values.length === 1
              ? values[0]
              : values
            : reader.values(schema, values, true);
      } else {
        const existing = node[segment];
        const next = (existing && typeof existing === 'object' ? existing : {}) as Record<
          string,
          unknown
        >;
        node[segment] = next;
        node = next;
      }
    });
  }
  return { present: true, value: root };
}

/** The value of one query parameter, coerced to its schema's types. */
export function readQueryParameter(
  reader: SchemaReader,
  param: OperationParameter,
  search: URLSearchParams,
): QueryValue {
  if (param.style === 'deepObject') return deepObject(reader, param, search);
  const texts = search.getAll(param.name);
  if (texts.length === 0) return { present: false, value: undefined };
  return { present: true, value: reader.values(param.schema, texts, param.explode) };
}
