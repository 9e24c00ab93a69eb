// Which violations fail a check, and drift grouped for a report: by resource (the
// JSON:API type, else the operation) and kind, one line per kind with a count.
import type { Severity, Violation, ViolationKind } from '@persona-kit/spec';

/**
 * Breaking violations always fail; additive ones (a member or enum value the spec does
 * not know) fail only when `strict`. Against persona-kit's own mock the suite is strict.
 */
export function failing(violations: readonly Violation[], strict = false): Violation[] {
  return violations.filter((v) => strict || v.severity !== 'additive');
}

export interface DriftGroup {
  /** `account`, or `GET /accounts/{account-id}` when the violation is in no resource object. */
  resource: string;
  kind: ViolationKind;
  severity: Severity;
  count: number;
  /** Where, within the resource: `attributes/name-first`, `status 500`, `header Request-Id`. */
  members: string[];
}

const RESOURCE_PREFIX = /^(?:\/data(?:\/\d+)?|\/included\/\d+)(?=\/|$)/;

function memberOf(v: Violation): string {
  switch (v.location) {
    case 'status':
      return `status ${v.status}`;
    case 'header':
      return `header ${v.pointer.replace(/^\//, '')}`;
    case 'content-type':
      return 'Content-Type';
    case 'path':
      return v.path;
    default: {
      const inner = v.resource ? v.pointer.replace(RESOURCE_PREFIX, '') : v.pointer;
      return inner.replace(/^\//, '').replace(/\/\d+(?=\/|$)/g, '/[]') || 'body';
    }
  }
}

/** `breaking: 1, additive: 3`. */
export function tiers(violations: readonly Violation[]): string {
  const breaking = violations.filter((v) => v.severity === 'breaking').length;
  return `breaking: ${breaking}, additive: ${violations.length - breaking}`;
}

/** Breaking before additive, then by resource and the most frequent kind. */
export function groupDrift(violations: readonly Violation[]): DriftGroup[] {
  const groups = new Map<string, DriftGroup>();
  for (const v of violations) {
    const resource = v.resource ?? `${v.method} ${v.path}`;
    const key = `${resource}\u0000${v.kind}`;
    const group = groups.get(key) ?? {
      resource,
      kind: v.kind,
      severity: v.severity,
      count: 0,
      members: [],
    };
    group.count++;
    const member = memberOf(v);
    if (!group.members.includes(member)) group.members.push(member);
    groups.set(key, group);
  }
  const rank = (g: DriftGroup) => (g.severity === 'breaking' ? 0 : 1);
  return [...groups.values()].sort(
    (a, b) => rank(a) - rank(b) || a.resource.localeCompare(b.resource) || b.count - a.count,
  );
}

/**
 * ```
 * breaking: 3, additive: 12
 *   account
 *     2× wrong-type (breaking): attributes/tags, attributes/reference-id
 *    12× unknown-member (additive): attributes/name-first, relationships/cases, +4 more
 * ```
 */
export function driftLines(violations: readonly Violation[], shown = 6): string[] {
  if (violations.length === 0) return [];
  const groups = groupDrift(violations);
  const lines = [tiers(violations)];
  const resources = [...new Set(groups.map((g) => g.resource))];
  for (const resource of resources) {
    lines.push(`  ${resource}`);
    for (const g of groups.filter((x) => x.resource === resource)) {
      const more = g.members.length > shown ? `, +${g.members.length - shown} more` : '';
      lines.push(
        `    ${String(g.count).padStart(3)}× ${g.kind} (${g.severity}): ${g.members.slice(0, shown).join(', ')}${more}`,
      );
    }
  }
  return lines;
}
