import { document, type Operation, operations } from '@persona-kit/spec';
import type { Route, RouteTable } from '../http/route.js';

/** The header that marks an answer taken from the spec's examples rather than from state. */
export const STATIC_HEADER = 'Persona-Mock';

type Node = Record<string, unknown>;

/** Follows a local `$ref` (`#/components/...`) of the bundled spec. */
function resolve(node: unknown): Node | undefined {
  let current = node as Node | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, key) => (at as Node | undefined)?.[key], document) as Node | undefined;
  }
  return current;
}

/**
 * The first example of an operation's success answer, with its status; null
 * when the spec gives none (a test lists such operations).
 */
export function successExample(operation: Operation): { status: number; body: unknown } | null {
  const pathItem = (document.paths as Node)[operation.path] as Node;
  const responses = resolve(pathItem[operation.method.toLowerCase()])?.responses as Node;
  const statuses = Object.keys(responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  for (const status of statuses) {
    const media = (resolve(responses[status])?.content as Node | undefined)?.['application/json'];
    const examples = resolve(media)?.examples as Node | undefined;
    for (const example of Object.values(examples ?? {})) {
      const value = resolve(example)?.value;
      if (value !== undefined) return { status: Number(status), body: value };
    }
    if (status === '204') return { status: 204, body: null };
  }
  return null;
}

/** Answers the operation's example as it is, marked static: no state is read or changed. */
function staticRoute(operation: Operation): Route {
  const example = successExample(operation);
  return () => {
    if (!example) throw new Error(`${operation.operationId} has no success example to answer`);
    return {
      status: example.status,
      data: null,
      document: example.body,
      headers: { [STATIC_HEADER]: 'static' },
    };
  };
}

/** Operations of the spec that no modelled route answers. */
export function staticOperations(
  modelled: RouteTable,
  all: readonly Operation[] = operations,
): Operation[] {
  return all.filter((operation) => !modelled[operation.operationId]);
}

/**
 * Every operation of the spec gets a route: the modelled one, or else its
 * documented example, so a documented operation is never a 404.
 */
export function withStaticFallback(
  modelled: RouteTable,
  all: readonly Operation[] = operations,
): RouteTable {
  const table: RouteTable = { ...modelled };
  for (const operation of staticOperations(modelled, all)) {
    table[operation.operationId] = staticRoute(operation);
  }
  return table;
}
