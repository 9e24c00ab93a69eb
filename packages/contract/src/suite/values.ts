// The leaf shapes of the suite that its modules share: kept apart from types.ts
// so that api.ts and fixtures.ts need nothing that needs them.
import type { Violation } from '@persona-kit/spec';

/**
 * `stateful`: the server keeps what it is sent (the mock, a sandbox); every assertion runs.
 * `schema-only`: a stateless server (`prism mock`): only that each answer fits the spec.
 */
export type Mode = 'stateful' | 'schema-only';

// biome-ignore lint/suspicious/noExplicitAny: API documents are read freely in scenarios
export type Json = any;

/** One request and the answer to it, as checked. */
export interface Call {
  operationId: string | null;
  method: string;
  /** The URL path and query as sent. */
  url: string;
  status: number;
  violations: Violation[];
}
