import type { ResourceRecord } from '../core/types.js';
import { accountStatus } from './accounts/accounts.js';
import { isPersonalRequestAttribute, personalValue } from './accounts/personal.js';
import { plain } from './fields.js';

type Scalar = string | number | boolean;
export type SearchQuery =
  | { and: SearchQuery[] }
  | { or: SearchQuery[] }
  | { not: SearchQuery }
  | { attribute: string; operator: string; value: Scalar | Scalar[] | boolean };

/** The value a search attribute names on an account (`fields.x`, `identifiers.reference_id`). */
function attributeValue(account: ResourceRecord, attribute: string): unknown {
  const a = account.attributes;
  switch (attribute) {
    case 'type':
      return a['account-type-name'];
    case 'status':
      return accountStatus(account);
    case 'created_at':
      return a['created-at'];
    case 'updated_at':
      return a['updated-at'];
    case 'reference_id':
    case 'identifiers.reference_id':
    case 'identifiers.reference-id':
      return a['reference-id'];
  }
  const fields = (a.fields as Record<string, unknown> | undefined) ?? {};
  if (attribute.startsWith('fields.')) return plain(fields[attribute.slice(7)]);
  if (attribute.startsWith('identifiers.')) {
    // Personal data lives in typed `fields` (`email_address`, `name.first`), as Persona answers it.
    const name = attribute.slice(12).replaceAll('_', '-');
    if (isPersonalRequestAttribute(name)) return personalValue(fields, name);
    const key = name.replaceAll('-', '_');
    return key in fields ? plain(fields[key]) : a[name];
  }
  return undefined;
}

function compare(left: unknown, right: Scalar): number | null {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') {
    const l = Date.parse(left);
    const r = Date.parse(right);
    if (/^\d{4}-/.test(left) && !Number.isNaN(l) && !Number.isNaN(r)) return l - r;
    return left < right ? -1 : left > right ? 1 : 0;
  }
  return null;
}

/** Whether an account satisfies a search query's predicate tree. */
export function matchesQuery(account: ResourceRecord, query: SearchQuery): boolean {
  if ('and' in query) return query.and.every((q) => matchesQuery(account, q));
  if ('or' in query) return query.or.some((q) => matchesQuery(account, q));
  if ('not' in query) return !matchesQuery(account, query.not);
  const actual = attributeValue(account, query.attribute);
  const expected = query.value;
  switch (query.operator) {
    case 'eq':
      return actual === expected;
    case 'not_eq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as Scalar);
    case 'exists':
      return (actual !== null && actual !== undefined) === expected;
    case 'contains':
      return (
        typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected)
      );
    default: {
      if (Array.isArray(expected) || actual === null || actual === undefined) return false;
      const c = compare(actual, expected as Scalar);
      if (c === null) return false;
      if (query.operator === 'gt') return c > 0;
      if (query.operator === 'gte') return c >= 0;
      if (query.operator === 'lt') return c < 0;
      return c <= 0;
    }
  }
}

/** Attribute names a search condition accepts besides `identifiers.<name>` and `fields.<name>`. */
export const searchAttributes = ['type', 'status', 'created_at', 'updated_at', 'reference_id'];

/**
 * The first condition of a search body whose attribute no account has, as a
 * message naming it and its path; the spec's own check reads as a missing `and`.
 */
export function unknownSearchAttribute(body: unknown): string | undefined {
  const visit = (node: unknown, path: string): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    const q = node as Record<string, unknown>;
    for (const key of ['and', 'or'] as const) {
      if (Array.isArray(q[key])) {
        for (const [i, item] of (q[key] as unknown[]).entries()) {
          const found = visit(item, `${path}.${key}[${i}]`);
          if (found) return found;
        }
      }
    }
    if (q.not !== undefined) return visit(q.not, `${path}.not`);
    const attribute = q.attribute;
    if (typeof attribute !== 'string') return undefined;
    if (searchAttributes.includes(attribute)) return undefined;
    if (/^(identifiers|fields)\.[A-Za-z0-9_-]+$/.test(attribute)) return undefined;
    return (
      `${path}.attribute: unknown attribute ${attribute}; use one of ` +
      `${searchAttributes.join(', ')}, identifiers.<name> or fields.<name> (e.g. fields.${attribute})`
    );
  };
  return visit((body as { query?: unknown } | undefined)?.query, 'query');
}
