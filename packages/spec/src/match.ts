// Matches concrete request paths to path templates. Literal segments win over
// parameters (`/accounts/search` before `/accounts/{account-id}`), the way
// routers and Persona's own routes resolve them.
import type { Operation, OperationMatch } from './types.js';

interface Segment {
  /** The segment as written in the template: `accounts`, `{account-id}`, `{id}.json`. */
  source: string;
  names: string[];
  /** Null for a literal segment. */
  regex: RegExp | null;
}

interface Node {
  literals: Map<string, Node>;
  /** Parameter segments: partial ones (`{id}.json`) before whole ones (`{id}`). */
  params: Array<{ segment: Segment; node: Node }>;
  /** Operations whose template ends here, by method. */
  operations: Map<string, Operation>;
  template: string | null;
}

const node = (): Node => ({
  literals: new Map(),
  params: [],
  operations: new Map(),
  template: null,
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseSegment(source: string): Segment {
  const names: string[] = [];
  if (!source.includes('{')) return { source, names, regex: null };
  const pattern = source
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part.startsWith('{') && part.endsWith('}')) {
        names.push(part.slice(1, -1));
        return '(.+?)';
      }
      return escapeRegex(part);
    })
    .join('');
  return { source, names, regex: new RegExp(`^${pattern}$`) };
}

/** The path part of a URL, path or path template, without query, fragment or trailing slash. */
export function normalizePathname(input: string): string {
  // Most paths are already plain: skip the regexes for them.
  if (/^\/[^?#:]*[^/?#:]$/.test(input)) return input;
  let path = input;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  path = path.replace(/[?#].*$/s, '');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

/** The path of the first server URL, e.g. `/api/v1`; empty when the servers have none. */
export function basePathOf(servers: Array<{ url: string }> | undefined): string {
  const url = servers?.[0]?.url;
  if (!url) return '';
  const path = normalizePathname(url);
  return path === '/' ? '' : path;
}

/** Removes `basePath` from the start of `pathname` when it is there. */
export function stripBasePath(pathname: string, basePath: string): string {
  const path = normalizePathname(pathname);
  if (!basePath || basePath === '/') return path;
  if (path === basePath) return '/';
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
}

/** Fills a path template: `expandPath('/accounts/{account-id}', { 'account-id': 'act_1' })`. */
export function expandPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface PathMatcher {
  /** The operation for `method` and a concrete path (with or without a base path), or null. */
  find(method: string, pathname: string): OperationMatch | null;
  /** The methods documented for the template a path matches (for "method not allowed"). */
  allowedMethods(pathname: string): string[];
}

export function createPathMatcher(operations: Operation[], basePaths: string[] = []): PathMatcher {
  const root = node();
  for (const operation of operations) {
    let at = root;
    for (const source of operation.path.split('/').slice(1)) {
      const segment = parseSegment(source);
      if (segment.regex === null) {
        let next = at.literals.get(source);
        if (!next) {
          next = node();
          at.literals.set(source, next);
        }
        at = next;
      } else {
        let entry = at.params.find((p) => p.segment.source === source);
        if (!entry) {
          entry = { segment, node: node() };
          at.params.push(entry);
          // Partial segments are more specific than a whole-segment parameter.
          at.params.sort((a, b) => Number(isWhole(a.segment)) - Number(isWhole(b.segment)));
        }
        at = entry.node;
      }
    }
    at.template = operation.path;
    at.operations.set(operation.method, operation);
  }

  // Depth first, literal children before parameter children: the first template
  // found that accepts `accept` is the most specific one.
  function walk(
    at: Node,
    segments: string[],
    index: number,
    params: Record<string, string>,
    accept: (n: Node) => boolean,
  ): { node: Node; params: Record<string, string> } | null {
    if (index === segments.length) return accept(at) ? { node: at, params } : null;
    const raw = segments[index]!;
    const value = decode(raw);
    const literal = at.literals.get(value) ?? (value === raw ? undefined : at.literals.get(raw));
    if (literal) {
      const found = walk(literal, segments, index + 1, params, accept);
      if (found) return found;
    }
    if (value === '') return null;
    for (const { segment, node: child } of at.params) {
      const match = segment.regex!.exec(value);
      if (!match) continue;
      const next = { ...params };
      segment.names.forEach((name, i) => {
        next[name] = match[i + 1]!;
      });
      const found = walk(child, segments, index + 1, next, accept);
      if (found) return found;
    }
    return null;
  }

  /** The path's segments, then those of the path without each base path it starts with. */
  function candidates(pathname: string): string[][] {
    const path = normalizePathname(pathname);
    const out = [path];
    for (const base of basePaths) {
      const stripped = stripBasePath(path, base);
      if (!out.includes(stripped)) out.push(stripped);
    }
    return out.map((p) => (p === '/' ? [''] : p.slice(1).split('/')));
  }

  return {
    find(method, pathname) {
      const upper = method.toUpperCase();
      for (const segments of candidates(pathname)) {
        const found = walk(root, segments, 0, {}, (n) => n.operations.has(upper));
        if (found)
          return { operation: found.node.operations.get(upper)!, pathParams: found.params };
      }
      return null;
    },
    allowedMethods(pathname) {
      for (const segments of candidates(pathname)) {
        const found = walk(root, segments, 0, {}, (n) => n.template !== null);
        if (found) return [...found.node.operations.keys()];
      }
      return [];
    },
  };
}

function isWhole(segment: Segment): boolean {
  return (
    segment.source.startsWith('{') && segment.source.endsWith('}') && segment.names.length === 1
  );
}
