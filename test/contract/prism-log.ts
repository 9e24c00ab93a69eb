// Reads what `prism proxy` logged: each request it received and each violation
// of Persona's published spec it saw in the answers, grouped by kind so a long
// log reads as a short to-do list.
import { findOperation } from '@persona-kit/spec';

export interface PrismViolation {
  /** `GET /accounts/{account-id}` (our template), or the method and path as logged. */
  operation: string;
  /** `response.body.data.attributes.identification-numbers must be object`, indices as `[]`. */
  kind: string;
}

export interface ViolationGroup {
  kind: string;
  count: number;
  operations: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is removed
const COLOUR = /\u001b\[[0-9;]*m/g;
const REQUEST = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/;
const RESPONSE_VIOLATION = /Violation: (response\S*) (.*)$/;

function operationOf(method: string, path: string): string {
  const pathname = path.replace(/[?#].*$/s, '');
  const match = findOperation(method.toUpperCase(), pathname);
  return `${method.toUpperCase()} ${match ? match.operation.path : pathname}`;
}

/**
 * `data.3.attributes` → `data[].attributes`; Prism repeats the location at the start
 * of its message (`Response body property data.x must …`), which is dropped.
 */
function kindOf(location: string, message: string): string {
  const indexless = (text: string) => text.replace(/\.\d+(?=\.|\b)/g, '[]');
  const text = message.replace(/^Response body property \S+ /, '').replace(/^Response body /, '');
  return `${indexless(location)} ${indexless(text)}`;
}

/** Response violations, each with the request Prism logged last before it. */
export function responseViolations(log: string): {
  requests: number;
  violations: PrismViolation[];
} {
  let requests = 0;
  let operation = '(before any request)';
  const violations: PrismViolation[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.replace(COLOUR, '');
    const request = REQUEST.exec(line);
    if (request) {
      requests++;
      operation = operationOf(request[1]!, request[2]!);
      continue;
    }
    const violation = RESPONSE_VIOLATION.exec(line);
    if (violation) violations.push({ operation, kind: kindOf(violation[1]!, violation[2]!) });
  }
  return { requests, violations };
}

/** One group per kind, the most frequent first. */
export function groupViolations(violations: PrismViolation[]): ViolationGroup[] {
  const groups = new Map<string, ViolationGroup>();
  for (const { kind, operation } of violations) {
    const group = groups.get(kind) ?? { kind, count: 0, operations: [] };
    group.count++;
    if (!group.operations.includes(operation)) group.operations.push(operation);
    groups.set(kind, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/** `  57× response.body.data… must be object (POST /accounts, GET /accounts/{account-id})`. */
export function groupLines(groups: ViolationGroup[]): string[] {
  const shown = 4;
  return groups.map(({ kind, count, operations }) => {
    const more = operations.length > shown ? `, +${operations.length - shown} more` : '';
    return `${String(count).padStart(5)}× ${kind} (${operations.slice(0, shown).join(', ')}${more})`;
  });
}
