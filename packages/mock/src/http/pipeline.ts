import { inflectKeys, validateRequest } from '@persona-kit/spec';
import { ApiError, badRequest } from '../core/errors.js';
import { requestIds } from '../core/ids.js';
import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { unknownSearchAttribute } from '../services/search.js';
import { keptIn, singleAnswerText } from './answer-text.js';
import { ApiLogLine } from './api-log.js';
import { type FaultInjector, forcedRateLimit } from './faults.js';
import type { Idempotency, StoredAnswer } from './idempotency.js';
import type { MockAnswer, MockRequest } from './mock-request.js';
import { type ParsedQuery, parseQuery } from './query.js';
import { baseHeaders, errorAnswer, errorBody, toApiError } from './respond.js';
import type { Route, RouteOutput } from './route.js';
import { collectIncluded, present as presentRecord } from './serialize.js';

export interface PipelineDeps {
  core: MockCore;
  faults: FaultInjector;
  idempotency: Idempotency;
  basePath: string;
  onError?: (error: unknown, request: MockRequest) => void;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Everything between a Fetch request and a route: auth, injected faults,
 * body parsing, validation against the spec, idempotency, serialization
 * (include, sparse fieldsets, key inflection) and durability.
 */
export async function handle(
  deps: PipelineDeps,
  operationId: string,
  route: Route,
  request: MockRequest,
  /** The path parameters when the caller already matched the path (no second match). */
  pathParams?: Record<string, string>,
): Promise<MockAnswer> {
  const requestId = requestIds.next();
  let rateHeaders: Record<string, string> | undefined;
  let org: Org | undefined;
  let sent: unknown;
  // Every answer given to an organization joins its API logs.
  const logged = (answer: MockAnswer): MockAnswer => {
    if (org) {
      const atMs = deps.core.clockOf(org).nowMs();
      deps.core.apiLogs.record(org.id, new ApiLogLine(requestId, request, sent, answer, atMs));
    }
    return answer;
  };
  try {
    const apiKey = bearerKey(request.header('authorization'));
    org = deps.core.orgFor(apiKey);
    const orgNow = org;
    // What fell due on the organization's clock since its last request happens first.
    const caughtUp = deps.core.catchUp(org);

    const fault = deps.faults.decide(org.id, request.header('prefer'));
    if (fault.rateLimit) rateHeaders = rateLimitHeaders(fault.rateLimit);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.status !== undefined && fault.status >= 400) {
      return logged(injected(fault.status, requestId, rateHeaders));
    }

    const path = request.pathname.slice(deps.basePath.length) || '/';
    const method = request.method;
    const contentType = request.header('content-type');
    const rawBody = BODY_METHODS.has(method) ? await readBody(request, contentType) : undefined;
    sent = rawBody?.value;

    const checked = validateRequest({
      operationId,
      method,
      path,
      query: request.searchParams,
      headers: request.headers,
      body: rawBody?.value,
      contentType: rawBody?.present ? contentType : null,
      ...(pathParams ? { pathParams } : {}),
    });
    const violation = checked.violations[0];
    if (violation) {
      const unknownAttribute =
        operationId === 'searchAccounts' ? unknownSearchAttribute(rawBody?.value) : undefined;
      if (unknownAttribute) throw new ApiError(422, 'Unprocessable Entity', unknownAttribute);
      throw violationError(violation, Object.keys(checked.operation?.responses ?? {}));
    }

    const query = parseQuery(request.searchParams);
    const key = method !== 'GET' ? request.header('idempotency-key') : null;
    const inflection = keyInflection(request.header('key-inflection'));
    // The answer as the routes name keys, kept for an inflected answer so it is not parsed back.
    let document: Record<string, unknown> | undefined;
    const act = async (): Promise<StoredAnswer> => {
      try {
        const output = await route({
          core: deps.core,
          org: orgNow,
          operationId,
          params: checked.pathParams,
          query,
          body: rawBody?.value,
          request,
          basePath: deps.basePath,
        });
        if (output.file) return { status: output.status, body: '', file: output.file };
        let body: string;
        if (!inflection && answersOneWhole(output, query)) {
          // One object as it is: a read reuses the text of a stored object until it changes.
          const record = output.data as ResourceRecord;
          body = singleAnswerText(record, method === 'GET' ? keptIn(orgNow, record) : undefined);
        } else {
          document = present(orgNow, output, query);
          // Without an idempotency key, an inflected answer is all that is ever written.
          body = inflection && !key ? '' : JSON.stringify(document);
        }
        return {
          status: output.status,
          body,
          ...(output.headers ? { headers: output.headers } : {}),
        };
      } catch (error) {
        document = undefined;
        const apiError = toApiError(error);
        if (apiError.status >= 500) deps.onError?.(error, request);
        return { status: apiError.status, body: errorBody(apiError) };
      }
    };
    const answer = key
      ? await deps.idempotency.run(
          org.data,
          key,
          fingerprint(`${method} ${path}${request.search} ${rawBody?.text ?? ''}`),
          act,
        )
      : await act();
    // Workflows the request's events started run before it is answered.
    const ran = deps.core.catchUp(org);
    if (method !== 'GET' || caughtUp || ran) await deps.core.store.commit();

    if (answer.file) {
      const headers = baseHeaders(requestId, rateHeaders);
      headers['Content-Type'] = answer.file.contentType;
      return logged({ status: answer.status, headers, body: answer.file.bytes });
    }
    let body = answer.body;
    if (inflection) {
      // A fresh answer still has its document: inflect that rather than parse the text back.
      const fresh = document !== undefined && !('replayed' in answer && answer.replayed);
      body = JSON.stringify(inflectKeys(fresh ? document : JSON.parse(body), inflection));
    }
    const headers = baseHeaders(requestId, { ...rateHeaders, ...answer.headers });
    if ('replayed' in answer && answer.replayed) headers['Idempotent-Replayed'] = 'true';
    return logged({ status: answer.status, headers, body });
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.status >= 500) deps.onError?.(error, request);
    return logged(errorAnswer(apiError, requestId, rateHeaders));
  }
}

/** An answer that is one object, whole: no sparse fieldsets, includes, links or meta. */
function answersOneWhole(output: RouteOutput, query: ParsedQuery): boolean {
  if (output.document !== undefined || !output.data || Array.isArray(output.data)) return false;
  if (output.included?.length || output.links || output.meta || query.include.length > 0)
    return false;
  for (const _ in query.fields) return false;
  return true;
}

/** `Key-Inflection: camel|snake`; anything else answers keys as they are. */
function keyInflection(header: string | null): 'camel' | 'snake' | undefined {
  return header === 'camel' || header === 'snake' ? header : undefined;
}

function present(org: Org, output: RouteOutput, query: ParsedQuery): Record<string, unknown> {
  // A body that is not a JSON:API document (OAuth's answers, static examples) goes out as it is.
  if (output.document !== undefined) return output.document as Record<string, unknown>;
  const document: Record<string, unknown> = {};
  if (output.data === null) {
    document.data = null;
  } else {
    const primary = Array.isArray(output.data) ? output.data : [output.data];
    const presented = primary.map((record) => presentRecord(record, query.fields));
    document.data = Array.isArray(output.data) ? presented : presented[0];
    const always = output.included ?? [];
    if (query.include.length > 0 || always.length > 0) {
      const asked = collectIncluded(primary, {
        include: query.include,
        fields: query.fields,
        resolve: (type, id) => org.find(type, id),
      });
      const given = new Set(always.map((r) => `${r.type}:${r.id}`));
      document.included = [
        ...always.map((record) => presentRecord(record, query.fields)),
        ...asked.filter((r) => !given.has(`${r.type}:${r.id}`)),
      ];
    }
  }
  if (output.links) document.links = output.links;
  if (output.meta) document.meta = output.meta;
  return document;
}

export function bearerKey(header: string | null): string {
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  if (!match) {
    // Title only, as Persona's 401 answers: the title already says what is missing.
    throw new ApiError(401, 'Must be authenticated to access this endpoint');
  }
  return match[1] as string;
}

async function readBody(
  request: MockRequest,
  contentType: string | null,
): Promise<{ present: boolean; value: unknown; text: string }> {
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
    try {
      const form = await request.formData();
      return { present: true, value: form, text: await formText(form) };
    } catch {
      throw badRequest('The multipart body could not be read');
    }
  }
  const text = await request.text();
  if (text.trim() === '') return { present: false, value: undefined, text };
  // OAuth's operations take form fields; the spec checks them as an object.
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { present: true, value: Object.fromEntries(new URLSearchParams(text)), text };
  }
  try {
    return { present: true, value: JSON.parse(text), text };
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

interface ViolationLike {
  location: string;
  message: string;
}

/**
 * A malformed path id reads as an unknown object (404); anything else that
 * breaks the spec is a 422 where the operation documents one, else a 400.
 */
function violationError(violation: ViolationLike, documented: string[]): ApiError {
  if (violation.location === 'path') {
    return new ApiError(404, 'Record not found', violation.message);
  }
  if (violation.location === 'content-type' || !documented.includes('422')) {
    return badRequest(violation.message);
  }
  return new ApiError(422, 'Unprocessable Entity', violation.message);
}

function rateLimitHeaders(limit: {
  limit: number;
  remaining: number;
  resetSeconds: number;
}): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit.limit),
    'RateLimit-Remaining': String(limit.remaining),
    'RateLimit-Reset': String(limit.resetSeconds),
  };
}

function injected(
  status: number,
  requestId: string,
  rateHeaders: Record<string, string> | undefined,
): MockAnswer {
  const headers: Record<string, string> = { ...rateHeaders };
  let error = { title: 'Injected fault', details: `The mock answered ${status} as configured` };
  if (status === 429) {
    headers['Retry-After'] = rateHeaders?.['RateLimit-Reset'] ?? '1';
    if (!rateHeaders) Object.assign(headers, rateLimitHeaders(forcedRateLimit));
    error = {
      title: 'Too many requests',
      details: 'Rate limit exceeded; retry after the delay given',
    };
  }
  return {
    status,
    headers: baseHeaders(requestId, headers),
    body: JSON.stringify({ errors: [error] }),
  };
}

/** A multipart body as text, files included, so that a retried upload fingerprints the same. */
async function formText(form: FormData): Promise<string> {
  const parts: string[] = [];
  for (const [name, value] of form.entries()) {
    parts.push(
      typeof value === 'string'
        ? `${name}=${value}`
        : `${name}=file:${value.name}:${await value.text()}`,
    );
  }
  return parts.join('&');
}

/**
 * What identifies a request for Idempotency-Key: a 64-bit hash of method,
 * path, query and body, so that stored entries stay small whatever was sent.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}:${text.length}`;
}
