import { invalid } from '../core/errors.js';

export interface FieldSchema {
  key: string;
  type: string;
}

type Typed = { type: string; value?: unknown };

/** A plain JSON value as a typed field value (`{ type, value }`), nesting hashes and arrays. */
export function typed(value: unknown): Typed {
  if (value === null || value === undefined) return { type: 'string', value: null };
  if (Array.isArray(value)) return { type: 'array', value: value.map(typed) };
  if (typeof value === 'object') {
    const out: Record<string, Typed> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typed(v);
    return { type: 'hash', value: out };
  }
  if (typeof value === 'number')
    return { type: Number.isInteger(value) ? 'integer' : 'number', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  return { type: 'string', value };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks field inputs against the schema of a type or template and answers
 * them typed. Unknown names and values of the wrong type are a 422 naming the field.
 */
export function typeFields(
  input: Record<string, unknown>,
  schemas: FieldSchema[],
  where: string,
  owner: string,
): Record<string, Typed> {
  const out: Record<string, Typed> = {};
  const byKey = new Map(schemas.map((s) => [s.key, s]));
  for (const [key, value] of Object.entries(input)) {
    const schema = byKey.get(key);
    if (!schema) throw invalid(`${where}.${key} is not a field of ${owner}`);
    if (value === null) {
      out[key] = { type: schema.type, value: null };
      continue;
    }
    const fail = (expected: string) => invalid(`${where}.${key} must be ${expected}`);
    switch (schema.type) {
      case 'string':
      case 'choices':
        if (typeof value !== 'string') throw fail('a string');
        out[key] = { type: schema.type, value };
        break;
      case 'integer':
        if (!Number.isInteger(value)) throw fail('an integer');
        out[key] = { type: 'integer', value };
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a number');
        out[key] = { type: 'number', value };
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw fail('a boolean');
        out[key] = { type: 'boolean', value };
        break;
      case 'date':
        if (
          typeof value !== 'string' ||
          !datePattern.test(value) ||
          Number.isNaN(Date.parse(value))
        ) {
          throw fail('a date (YYYY-MM-DD)');
        }
        out[key] = { type: 'date', value };
        break;
      case 'datetime':
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw fail('a date-time');
        out[key] = { type: 'datetime', value };
        break;
      case 'hash':
        if (typeof value !== 'object' || Array.isArray(value)) throw fail('an object');
        out[key] = typed(value);
        break;
      case 'array':
        if (!Array.isArray(value)) throw fail('an array');
        out[key] = typed(value);
        break;
      case 'file':
        throw invalid(`${where}.${key} is a file field; upload files through the dashboard`);
      default:
        out[key] = { ...typed(value), type: schema.type };
    }
  }
  return out;
}

/** Typed fields as plain values again (for templates such as `{{account.fields.risk_level}}`). */
export function plain(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const t = value as Typed;
  if (t.type === 'hash' && t.value && typeof t.value === 'object') {
    return Object.fromEntries(Object.entries(t.value).map(([k, v]) => [k, plain(v)]));
  }
  if (t.type === 'array' && Array.isArray(t.value)) return t.value.map(plain);
  return t.value ?? null;
}
