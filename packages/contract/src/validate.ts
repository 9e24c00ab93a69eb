// The spec's validators, plus what a response check needs from the request it
// answered: sparse fieldsets (`fields[type]=a,b`) leave attributes out on purpose.
import {
  kebabKey,
  parseKeyInflection,
  type QueryInput,
  type ResponseInput,
  type Violation,
  validateResponse as validateAgainstSpec,
} from '@persona-kit/spec';

export { validateRequest } from '@persona-kit/spec';

export interface ContractResponseInput extends ResponseInput {
  /**
   * The request's query, when `path` does not carry it. `fields[type]` names the
   * attributes a client asked for: the others may be left out of objects of that type.
   */
  query?: QueryInput;
}

/**
 * Validates a response against the spec: status, headers, content type and body.
 * Attributes and relationships a sparse fieldset left out are not reported missing;
 * every other check still applies to the objects that were trimmed.
 */
export function validateResponse(input: ContractResponseInput): Violation[] {
  const violations = validateAgainstSpec(input);
  if (violations.length === 0) return violations;
  const fieldsets = sparseFieldsets(input.query ?? input.path, input.keyInflection);
  if (fieldsets.size === 0) return violations;
  return violations.filter((v) => !leftOutBySparseFieldset(v, input.body, fieldsets));
}

/** `fields[account]=reference-id,tags` → `account → {reference-id, tags}` (names in kebab case). */
export function sparseFieldsets(
  query: QueryInput,
  keyInflection?: string | null,
): Map<string, Set<string>> {
  const inflection = parseKeyInflection(keyInflection ?? null);
  const out = new Map<string, Set<string>>();
  for (const [name, value] of toSearchParams(query)) {
    const match = /^fields\[([^\]]+)\]$/.exec(name);
    if (!match) continue;
    const names = value
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => kebabKey(n, inflection));
    const type = match[1]!;
    out.set(type, new Set([...(out.get(type) ?? []), ...names]));
  }
  return out;
}

// `/data/attributes/x`, `/data/3/relationships/y`, `/included/0/attributes/z`, `/data/relationships`.
const TRIMMED_MEMBER =
  /^(\/data(?:\/\d+)?|\/included\/\d+)(?:\/(attributes|relationships)\/([^/]+)|\/(relationships))$/;

function leftOutBySparseFieldset(
  violation: Violation,
  body: unknown,
  fieldsets: Map<string, Set<string>>,
): boolean {
  if (violation.location !== 'body' || !isMissingMember(violation)) return false;
  const match = TRIMMED_MEMBER.exec(violation.pointer);
  if (!match) return false;
  const [, objectPointer, , member, wholeRelationships] = match;
  const type = typeAt(body, objectPointer!);
  const wanted = type === undefined ? undefined : fieldsets.get(type);
  if (!wanted) return false;
  // A member that was asked for must still be there; `relationships` may go when none was.
  if (wholeRelationships) return true;
  return !wanted.has(unescapePointer(member!));
}

/** The spec reports a missing required member as `<pointer> is required`, with nothing received. */
function isMissingMember(violation: Violation): boolean {
  return (
    violation.received === undefined &&
    violation.expected === 'a value' &&
    violation.message.endsWith(' is required')
  );
}

function typeAt(body: unknown, pointer: string): string | undefined {
  let node = body;
  for (const segment of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  const type = (node as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function toSearchParams(query: QueryInput): URLSearchParams {
  if (query === undefined) return new URLSearchParams();
  if (query instanceof URLSearchParams) return query;
  if (typeof query === 'string') {
    const start = query.indexOf('?');
    const isPath = query.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(query);
    if (isPath && start === -1) return new URLSearchParams();
    return new URLSearchParams(
      (start === -1 ? query : query.slice(start + 1)).replace(/#.*$/s, ''),
    );
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}
