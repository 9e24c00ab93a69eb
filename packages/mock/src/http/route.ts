import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import type { MockRequest } from './mock-request.js';
import type { ParsedQuery } from './query.js';

export interface RouteInput {
  core: MockCore;
  org: Org;
  operationId: string;
  /** Path parameters by their spec names (`account-id`). */
  params: Record<string, string>;
  query: ParsedQuery;
  /** The parsed JSON body, or the form data of a multipart upload. */
  body: unknown;
  request: MockRequest;
  /** The link prefix for `links` (`/api/v1`). */
  basePath: string;
}

export interface RouteOutput {
  status: number;
  data: ResourceRecord | ResourceRecord[] | null;
  links?: { prev: string | null; next: string | null };
  meta?: Record<string, unknown>;
  /** Objects the operation always answers in `included` (a transaction's new label), before those `include` asks for. */
  included?: ResourceRecord[];
  /** A body that is not a JSON:API document (OAuth's answers, static examples): sent as it is. */
  document?: unknown;
  /** Headers the answer carries besides the ones every answer has. */
  headers?: Record<string, string>;
  /** A file answered as it is (a printed PDF) instead of a JSON:API document. */
  file?: FileAnswer;
}

export interface FileAnswer {
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** One operation's behaviour: from a validated request to a JSON:API answer. */
export type Route = (input: RouteInput) => RouteOutput | Promise<RouteOutput>;

export type RouteTable = Record<string, Route>;
