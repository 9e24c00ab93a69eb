// Turns Ajv errors into readable problems: one per mistake, pointing at the
// value that is wrong, with what was expected and what was received.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { getByPointer, joinPointer, splitPointer } from '../pointer.js';
import type { ViolationKind } from '../types.js';
import { kindOfKeyword } from './tiers.js';

export interface Problem {
  pointer: string;
  message: string;
  kind: ViolationKind;
  expected?: unknown;
  received?: unknown;
}

/**
 * `pointer`: `/data/attributes/reference-id must be string or null, got number 5`
 * (for checking responses). `field`: `data.attributes.reference-id must be a string or null`
 * (what a JSON:API client expects to read in a 4xx error's details).
 */
export type MessageStyle = 'pointer' | 'field';

/** How a location is named in messages: query parameters read as `page[size]`. */
export type Namer = (pointer: string, style: MessageStyle) => string;

export const nameInBody: Namer = (pointer, style) => {
  if (pointer === '') return 'body';
  if (style === 'pointer') return pointer;
  return splitPointer(pointer)
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
};

export const nameInQuery: Namer = (pointer) => {
  const [name = '', ...members] = splitPointer(pointer);
  return name + members.map((m) => `[${m}]`).join('');
};

export const nameAsIs: Namer = (pointer) => splitPointer(pointer).join('.');

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  const type = typeOf(value);
  if (type === 'object' || type === 'array') return type;
  let text = JSON.stringify(value);
  if (text.length > 60) text = `${text.slice(0, 57)}…`;
  return `${type === 'integer' ? 'number' : type} ${text}`;
}

/** `a`, `a or b`, `a, b or c`. */
function alternatives(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function typeNames(types: string[], style: MessageStyle): string {
  return alternatives(types.map((t) => (style === 'field' ? (ARTICLE[t] ?? t) : t)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A close name among `allowed` for a misspelt or wrongly-cased property. */
function suggestion(name: string, allowed: string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  return allowed.find((a) => squash(a) === squash(name));
}

interface Described {
  pointer: string;
  kind: ViolationKind;
  /** The text after the name: `must be string, got number 5`. */
  text: string;
  expected?: unknown;
  received?: unknown;
  /** For merging the branches of a oneOf: the shapes this error would accept. */
  accepts?: string[];
  /** A oneOf/anyOf that no branch satisfied: its branches' errors come just before it. */
  noBranchMatched?: boolean;
}

function describe(error: ErrorObject, data: unknown, style: MessageStyle): Described | null {
  const text = describeText(error, data, style);
  return text && { ...text, kind: kindOfKeyword(error.keyword, error.parentSchema) };
}

function describeText(
  error: ErrorObject,
  data: unknown,
  style: MessageStyle,
): Omit<Described, 'kind'> | null {
  const at = error.instancePath;
  const value = getByPointer(data, at);
  const got = style === 'pointer' ? `, got ${preview(value)}` : '';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      return {
        pointer: at,
        text: `must be ${typeNames(types, style)}${got}`,
        expected: types.join(' or '),
        received: value,
        accepts: types.map((t) => typeNames([t], style)),
      };
    }
    case 'required': {
      const name = String(p.missingProperty);
      return {
        pointer: joinPointer(at, name),
        text: 'is required',
        expected: 'a value',
        received: undefined,
      };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      const properties = (
        error.parentSchema as { properties?: Record<string, unknown> } | undefined
      )?.properties;
      const allowed = Object.keys(properties ?? {});
      const close = suggestion(name, allowed);
      return {
        pointer: joinPointer(at, name),
        text: `is not allowed${close ? ` (did you mean ${close}?)` : ''}`,
        expected: allowed,
        received: name,
      };
    }
    case 'const':
      return {
        pointer: at,
        text: `must be ${JSON.stringify(p.allowedValue)}${got}`,
        expected: p.allowedValue,
        received: value,
        accepts: [JSON.stringify(p.allowedValue)],
      };
    case 'enum': {
      const allowed = p.allowedValues as unknown[];
      return {
        pointer: at,
        text: `must be one of ${alternatives(allowed.map((v) => JSON.stringify(v)))}${got}`,
        expected: allowed,
        received: value,
        accepts: allowed.map((v) => JSON.stringify(v)),
      };
    }
    case 'pattern':
      return {
        pointer: at,
        text: `must match ${p.pattern}${got}`,
        expected: p.pattern,
        received: value,
      };
    case 'format':
      return {
        pointer: at,
        text: `must be a valid ${p.format}${got}`,
        expected: p.format,
        received: value,
      };
    case 'minLength':
    case 'maxLength': {
      const limit = Number(p.limit);
      const bound = error.keyword === 'minLength' ? 'at least' : 'at most';
      return {
        pointer: at,
        text: `must have ${bound} ${plural(limit, 'character')}${got}`,
        expected: limit,
        received: value,
      };
    }
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(p.limit);
      const bound = error.keyword.startsWith('min') ? 'at least' : 'at most';
      const noun = error.keyword.endsWith('Items')
        ? limit === 1
          ? 'item'
          : 'items'
        : limit === 1
          ? 'property'
          : 'properties';
      const count = Array.isArray(value) ? value.length : Object.keys(value ?? {}).length;
      return {
        pointer: at,
        text: `must have ${bound} ${limit} ${noun}${style === 'pointer' ? `, got ${count}` : ''}`,
        expected: limit,
        received: count,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        pointer: at,
        text: `must be ${p.comparison} ${p.limit}${got}`,
        expected: `${p.comparison} ${p.limit}`,
        received: value,
      };
    case 'multipleOf':
      return {
        pointer: at,
        text: `must be a multiple of ${p.multipleOf}${got}`,
        expected: p.multipleOf,
        received: value,
      };
    case 'uniqueItems':
      return {
        pointer: at,
        text: `must not repeat items (items ${p.j} and ${p.i} are equal)`,
        expected: 'unique items',
        received: value,
      };
    case 'propertyNames':
      return {
        pointer: joinPointer(at, String(p.propertyName)),
        text: 'is not an allowed property name',
        expected: error.schema,
        received: p.propertyName,
      };
    case 'dependentRequired':
      return {
        pointer: joinPointer(at, String(p.missingProperty)),
        text: `is required when ${p.property} is present`,
        expected: 'a value',
        received: undefined,
      };
    case 'oneOf':
      if (Array.isArray(p.passingSchemas)) {
        return {
          pointer: at,
          text: 'must match exactly one of the allowed shapes, but matches several',
          received: value,
        };
      }
      return {
        pointer: at,
        text: 'must match one of the allowed shapes',
        received: value,
        noBranchMatched: true,
      };
    case 'anyOf':
      return {
        pointer: at,
        text: 'must match one of the allowed shapes',
        received: value,
        noBranchMatched: true,
      };
    case 'not':
      return { pointer: at, text: 'must not match the excluded shape', received: value };
    case 'false schema':
      return { pointer: at, text: 'is not allowed', received: value };
    case 'if':
      // The failing `then`/`else` branch has reported its own errors already.
      return null;
    default:
      return { pointer: at, text: error.message ?? `fails ${error.keyword}`, received: value };
  }
}

function within(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/**
 * Collapses the branches of a failed `oneOf`/`anyOf`. If the value got past the shape
 * check of some branch, that branch's deeper errors are what went wrong; if every branch
 * rejected it at the top, one message lists the shapes it could have had.
 */
function collapse(described: Described[], style: MessageStyle, data: unknown) {
  const out: Described[] = [];
  for (const item of described) {
    if (!item.noBranchMatched) {
      out.push(item);
      continue;
    }
    const branches: Described[] = [];
    while (out.length > 0 && within(out.at(-1)!.pointer, item.pointer))
      branches.unshift(out.pop()!);
    const deeper = branches.filter((b) => b.pointer !== item.pointer);
    if (deeper.length > 0) {
      out.push(...deeper);
      continue;
    }
    const accepts = branches.flatMap((b) => b.accepts ?? []);
    if (
      accepts.length > 0 &&
      accepts.length === branches.reduce((n, b) => n + (b.accepts?.length ?? 1), 0)
    ) {
      const value = getByPointer(data, item.pointer);
      const unique = [...new Set(accepts)];
      const shown = alternatives(unique);
      const kinds = new Set(branches.map((b) => b.kind));
      out.push({
        pointer: item.pointer,
        kind: kinds.size === 1 ? [...kinds][0]! : 'wrong-type',
        text: `must be ${shown}${style === 'pointer' ? `, got ${preview(value)}` : ''}`,
        expected: unique.join(' or '),
        received: value,
      });
    } else {
      out.push(...(branches.length > 0 ? branches : [item]));
    }
  }
  return out;
}

/** Readable problems for the errors of one validation of `data`. */
export function problems(
  errors: ErrorObject[] | null | undefined,
  data: unknown,
  style: MessageStyle,
  name: Namer = nameInBody,
): Problem[] {
  const described: Described[] = [];
  for (const error of errors ?? []) {
    const d = describe(error, data, style);
    if (d) described.push(d);
  }
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const d of collapse(described, style, data)) {
    const message = `${name(d.pointer, style)} ${d.text}`;
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({
      pointer: d.pointer,
      message,
      kind: d.kind,
      ...('expected' in d ? { expected: d.expected } : {}),
      ...('received' in d ? { received: d.received } : {}),
    });
  }
  return out;
}
