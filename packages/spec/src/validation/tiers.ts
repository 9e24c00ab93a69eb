// Which violations break a client written to the spec and which only add what the
// spec does not know: the rule the contract kit's two tiers rest on.
import type { Severity, ViolationKind, ViolationLocation } from '../types.js';

const ADDITIVE: ReadonlySet<ViolationKind> = new Set(['unknown-member', 'open-enum-value']);

export function severityOf(kind: ViolationKind): Severity {
  return ADDITIVE.has(kind) ? 'additive' : 'breaking';
}

/** An enum is open (a value it does not list is additive) when the spec marks it so. */
export function isOpenEnum(schema: unknown): boolean {
  return (
    schema !== null &&
    typeof schema === 'object' &&
    (schema as Record<string, unknown>)['x-open-enum'] === true
  );
}

/** The kind of an Ajv error, by its keyword (and, for `enum`, the schema that holds it). */
export function kindOfKeyword(keyword: string, parentSchema?: unknown): ViolationKind {
  switch (keyword) {
    case 'required':
    case 'dependentRequired':
      return 'missing-member';
    case 'type':
      return 'wrong-type';
    case 'enum':
      return isOpenEnum(parentSchema) ? 'open-enum-value' : 'closed-enum';
    case 'const':
      return 'closed-enum';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'unknown-member';
    default:
      return 'invalid-value';
  }
}

/** The kind of a violation found outside a schema: a header, the status line, the path. */
export function kindOfLocation(location: ViolationLocation): ViolationKind {
  if (location === 'status') return 'undocumented-status';
  if (location === 'path') return 'undocumented-operation';
  if (location === 'content-type') return 'content-type';
  return 'invalid-value';
}
