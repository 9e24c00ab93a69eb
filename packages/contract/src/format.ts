// One line per violation, in the words a reviewer reads in a CI log:
// `POST /accounts 201 /data/attributes/tags: expected array, got string "x"`.
import type { Violation } from '@persona-kit/spec';

/** Where in the exchange the violation is: a JSON pointer, a header, the status line. */
function place(v: Violation): string {
  switch (v.location) {
    case 'body':
      return v.pointer === '' ? 'body' : v.pointer;
    case 'header':
      return `header ${v.pointer.replace(/^\//, '')}`;
    case 'content-type':
      return 'Content-Type';
    case 'query':
      return `query ${v.pointer.replace(/^\//, '').replaceAll('/', '.')}`;
    case 'path':
      return v.pointer === '' ? 'path' : `path ${v.pointer.replace(/^\//, '')}`;
    case 'status':
      return 'status';
  }
}

/** The spec's message without the name it starts with, phrased as expected/got. */
function detail(v: Violation): string {
  let text = v.message;
  for (const prefix of [
    v.pointer === '' ? 'body' : v.pointer,
    `${v.pointer.replace(/^\//, '')} header`,
    v.pointer.replace(/^\//, '').replaceAll('/', '.'),
  ]) {
    if (prefix && text.startsWith(`${prefix} `)) {
      text = text.slice(prefix.length + 1);
      break;
    }
  }
  if (text === 'is required') return 'required, but missing';
  if (text.startsWith('is not allowed'))
    return `not in the spec${text.slice('is not allowed'.length)}`;
  for (const [from, to] of [
    ['must be ', 'expected '],
    ['must have ', 'expected '],
    ['must match ', 'expected to match '],
  ] as const) {
    if (text.startsWith(from)) return to + text.slice(from.length);
  }
  return text;
}

/**
 * `POST /accounts 201 /data/attributes/tags: expected array, got string "x"`.
 * Requests read `request` where a response has its status.
 */
export function formatViolation(v: Violation): string {
  const status = v.status === null ? 'request' : String(v.status);
  if (v.location === 'status' || (v.location === 'path' && v.operationId === null)) {
    return `${v.method} ${v.path} ${status}: ${v.message}`;
  }
  return `${v.method} ${v.path} ${status} ${place(v)}: ${detail(v)}`;
}

/** One line per violation. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map(formatViolation).join('\n');
}
