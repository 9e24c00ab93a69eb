// What request and response validation share: the document, its compiled
// schemas, and how a method and path become an operation.
import type { PathMatcher } from '../match.js';
import { normalizePathname } from '../match.js';
import type { OpenApiDocument, Operation, OperationMatch, Violation } from '../types.js';
import type { DocumentAjv } from './ajv.js';
import type { SchemaReader } from './coerce.js';

export interface ValidationContext {
  document: OpenApiDocument;
  ajv: DocumentAjv;
  reader: SchemaReader;
  matcher: PathMatcher;
  operationsById: Map<string, Operation>;
  /** Answers what `make` computed the first time for `key`: per-operation plans, kept. */
  memo<T>(key: string, make: () => T): T;
}

export function createMemo(): ValidationContext['memo'] {
  const cache = new Map<string, unknown>();
  return <T>(key: string, make: () => T): T => {
    // One lookup for what is known (nearly every call); `has` only tells a kept undefined apart.
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = make();
    cache.set(key, value);
    return value;
  };
}

export type Located =
  | { match: OperationMatch; violation: null }
  | { match: null; violation: Violation };

/** The operation for a request, or the violation that says there is none. Never throws. */
export function locate(
  context: ValidationContext,
  method: string,
  path: string,
  status: number | null,
  operationId?: string,
): Located {
  const upper = method.toUpperCase();
  if (operationId !== undefined) {
    const operation = context.operationsById.get(operationId);
    if (operation) {
      const found = context.matcher.find(upper, path);
      const pathParams = found?.operation === operation ? found.pathParams : {};
      return { match: { operation, pathParams }, violation: null };
    }
  }
  const match = context.matcher.find(upper, path);
  if (match) return { match, violation: null };
  const pathname = normalizePathname(path);
  const allowed = context.matcher.allowedMethods(path);
  const message =
    operationId !== undefined
      ? `no operation ${operationId} in the spec`
      : allowed.length > 0
        ? `${upper} is not documented for ${pathname} (documented: ${allowed.join(', ')})`
        : `no documented path matches ${pathname}`;
  return {
    match: null,
    violation: {
      operationId: null,
      method: upper,
      path: pathname,
      status,
      location: 'path',
      pointer: '',
      message,
      kind: 'undocumented-operation',
      severity: 'breaking',
      expected: allowed.length > 0 ? allowed : 'a documented path',
      received: allowed.length > 0 ? upper : pathname,
    },
  };
}
