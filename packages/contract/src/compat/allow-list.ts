// The differences from Persona's spec kept on purpose, each rule with its reason.
import { type Difference, type DifferenceKind, differenceKinds, type Side } from './compare.js';

export interface AllowRule {
  kind: DifferenceKind;
  /** Omitted: either side. */
  side?: Side;
  /** `*` for every operation, or a list of `METHOD /path` with our path templates. */
  operations: '*' | string[];
  /** What differs; `*` in an item matches any text. */
  items: string[];
  reason: string;
}

export interface AllowList {
  allowed: AllowRule[];
}

const KINDS = differenceKinds;
const SIDES: Side[] = ['only-ours', 'only-upstream', 'both-differ'];

/** The reason a pasted rule carries until someone writes the real one: it fails the check. */
export const PLACEHOLDER_REASON = 'TODO: say why we keep this difference';

/** Checks the file's shape, so a typo in a rule is an error rather than a rule that allows nothing. */
export function parseAllowList(value: unknown, source = 'allow-list'): AllowList {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  const rules = (value as { allowed?: unknown } | null)?.allowed;
  if (!Array.isArray(rules)) fail('needs an "allowed" array');
  (rules as unknown[]).forEach((raw, i) => {
    const rule = raw as Partial<AllowRule>;
    const at = `allowed[${i}]`;
    if (!KINDS.includes(rule.kind as DifferenceKind))
      fail(`${at}.kind must be one of ${KINDS.join(', ')}`);
    if (rule.side !== undefined && !SIDES.includes(rule.side)) {
      fail(`${at}.side must be one of ${SIDES.join(', ')}`);
    }
    if (rule.operations !== '*' && !Array.isArray(rule.operations)) {
      fail(`${at}.operations must be "*" or a list of "METHOD /path"`);
    }
    if (!Array.isArray(rule.items) || rule.items.length === 0)
      fail(`${at}.items must list what differs`);
    if (typeof rule.reason !== 'string' || rule.reason.trim() === '')
      fail(`${at}.reason is required`);
    if (String(rule.reason).trim().startsWith('TODO'))
      fail(`${at}.reason is still a placeholder: write why ${String(rule.items)} is kept`);
  });
  return { allowed: rules as AllowRule[] };
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

export function matches(rule: AllowRule, difference: Difference): boolean {
  if (rule.kind !== difference.kind) return false;
  if (rule.side !== undefined && rule.side !== difference.side) return false;
  if (rule.operations !== '*' && !rule.operations.includes(difference.operation)) return false;
  return rule.items.some((item) => glob(item).test(difference.item));
}

export interface Classified {
  difference: Difference;
  /** The rule that keeps it, or null when it is not allowed. */
  rule: AllowRule | null;
}

export function classify(
  differences: Difference[],
  list: AllowList,
): { classified: Classified[]; unused: AllowRule[] } {
  const used = new Set<AllowRule>();
  const classified = differences.map((difference) => {
    const rule = list.allowed.find((r) => matches(r, difference)) ?? null;
    if (rule) used.add(rule);
    return { difference, rule };
  });
  return { classified, unused: list.allowed.filter((r) => !used.has(r)) };
}

/**
 * Rules to paste into the allow list for differences no rule allows: one per kind,
 * side and operation, with a placeholder reason that fails until a human writes one.
 */
export function suggestRules(differences: Difference[]): AllowRule[] {
  const rules = new Map<string, AllowRule>();
  for (const d of differences) {
    const key = `${d.kind} ${d.side} ${d.operation}`;
    const rule = rules.get(key) ?? {
      kind: d.kind,
      side: d.side,
      operations: [d.operation],
      items: [],
      reason: PLACEHOLDER_REASON,
    };
    if (!rule.items.includes(d.item)) rule.items.push(d.item);
    rules.set(key, rule);
  }
  return [...rules.values()];
}
