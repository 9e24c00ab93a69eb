// Parameters arrive as strings; their schemas say `integer`, `boolean`, `array`…
// These turn the strings into the values the schema describes before validation.
// Bodies are never coerced: a JSON body carries its own types.
import { resolveRef } from '../pointer.js';
import type { JsonSchema } from '../types.js';

type SchemaObject = { [keyword: string]: unknown };

export class SchemaReader {
  private readonly typeCache = new WeakMap<object, Set<string>>();

  constructor(private readonly document: unknown) {}

  /** The schema with its top-level `$ref` followed; `{}` for none. */
  resolve(schema: JsonSchema | null | undefined): SchemaObject {
    if (schema === null || schema === undefined || typeof schema === 'boolean') return {};
    return resolveRef<SchemaObject>(this.document, schema, '').value ?? {};
  }

  /** Every JSON type a value of the schema may have, looking through `oneOf`/`anyOf`/`allOf`. */
  types(schema: JsonSchema | null | undefined): Set<string> {
    if (schema === null || typeof schema !== 'object') return new Set();
    let types = this.typeCache.get(schema);
    if (!types) {
      types = this.collectTypes(schema);
      this.typeCache.set(schema, types);
    }
    return types;
  }

  private collectTypes(schema: JsonSchema): Set<string> {
    const s = this.resolve(schema);
    const types = new Set<string>();
    if (typeof s.type === 'string') types.add(s.type);
    if (Array.isArray(s.type)) for (const t of s.type) types.add(String(t));
    const literals = 'const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : [];
    for (const v of literals)
      types.add(v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const branches = s[key];
      if (Array.isArray(branches))
        for (const b of branches) for (const t of this.types(b as JsonSchema)) types.add(t);
    }
    return types;
  }

  /** The schema of member `name` of an object schema, or null when the object is closed to it. */
  member(schema: JsonSchema | null | undefined, name: string): JsonSchema | null {
    const s = this.resolve(schema);
    const properties = s.properties as Record<string, JsonSchema> | undefined;
    if (properties && name in properties) return properties[name]!;
    const patterns = s.patternProperties as Record<string, JsonSchema> | undefined;
    for (const [pattern, sub] of Object.entries(patterns ?? {})) {
      if (new RegExp(pattern, 'u').test(name)) return sub;
    }
    const additional = s.additionalProperties as JsonSchema | undefined;
    if (additional === false) return null;
    return additional === undefined || additional === true ? {} : additional;
  }

  items(schema: JsonSchema | null | undefined): JsonSchema {
    return (this.resolve(schema).items as JsonSchema | undefined) ?? {};
  }

  /** One string as the schema's scalar type; left as is when it cannot be one (validation says why). */
  scalar(schema: JsonSchema | null | undefined, text: string): unknown {
    const types = this.types(schema);
    if (types.size === 0 || types.has('string')) return text;
    if (types.has('integer') && /^[+-]?\d+$/.test(text)) return Number(text);
    if (types.has('number') && text.trim() !== '' && Number.isFinite(Number(text)))
      return Number(text);
    if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true';
    if (types.has('null') && (text === '' || text === 'null')) return null;
    return text;
  }

  /**
   * Values of one parameter (several when it was repeated) as the schema's type:
   * arrays from repeats or from comma-separated text, scalars coerced.
   */
  values(schema: JsonSchema | null | undefined, texts: string[], explode: boolean): unknown {
    const types = this.types(schema);
    if (types.has('array') && !types.has('string')) {
      const parts = explode || texts.length > 1 ? texts : (texts[0] ?? '').split(',');
      const items = this.items(schema);
      return parts.filter((p) => p !== '').map((p) => this.scalar(items, p));
    }
    const coerced = texts.map((t) => this.scalar(schema, t));
    return coerced.length === 1 ? coerced[0] : coerced;
  }
}
