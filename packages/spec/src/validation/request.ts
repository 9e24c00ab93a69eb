// validateRequest: does this request fit its operation? Path ids, query and
// header parameters (coerced from text to their schemas' types) and the body.
import { joinPointer } from '../pointer.js';
import type {
  Operation,
  OperationParameter,
  Violation,
  ViolationDraft,
  ViolationLocation,
} from '../types.js';
import { bodySchema } from './body.js';
import { locate, type ValidationContext } from './context.js';
import {
  formDataToObject,
  type HeaderLookup,
  type HeadersInput,
  isEmptyBody,
  normalizeHeaders,
} from './http.js';
import { type Namer, nameAsIs, nameInBody, nameInQuery, problems } from './messages.js';
import { type QueryInput, readQueryParameter, toSearchParams } from './query.js';
import { kindOfLocation } from './tiers.js';

export interface RequestInput {
  method: string;
  /** `/accounts/act_…`, with or without `/api/v1`; a query string here is read when `query` is absent. */
  path: string;
  query?: QueryInput;
  headers?: HeadersInput;
  /** The parsed JSON body, or the FormData of a multipart request. */
  body?: unknown;
  /** Defaults to the Content-Type header. */
  contentType?: string | null;
  /** Skips path matching when the caller knows the operation. */
  operationId?: string;
  /** With `operationId`: the path parameters the caller's own matching found (no second match). */
  pathParams?: Record<string, string>;
}

export interface RequestResult {
  /** Null when no operation matches the method and path (the one violation says so). */
  operation: Operation | null;
  /** Path parameters, percent-decoded. */
  pathParams: Record<string, string>;
  /** Documented query parameters that were present, coerced to their schemas' types. */
  query: Record<string, unknown>;
  violations: Violation[];
}

export function validateRequest(context: ValidationContext, input: RequestInput): RequestResult {
  const known =
    input.operationId !== undefined && input.pathParams
      ? context.operationsById.get(input.operationId)
      : undefined;
  const located = known
    ? { match: { operation: known, pathParams: input.pathParams ?? {} }, violation: null }
    : locate(context, input.method, input.path, null, input.operationId);
  if (!located.match)
    return { operation: null, pathParams: {}, query: {}, violations: [located.violation] };
  const { operation, pathParams } = located.match;
  const violations: Violation[] = [];
  // A request outside the spec is refused whatever its kind: requests have one tier.
  const violation = ({ kind, ...v }: ViolationDraft) =>
    violations.push({
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      status: null,
      ...v,
      kind: kind ?? kindOfLocation(v.location),
      severity: 'breaking',
    });

  const check = (
    location: ViolationLocation,
    param: OperationParameter,
    value: unknown,
    name: Namer,
  ) => {
    if (param.schemaPointer === null) return;
    const validate = context.ajv.validatorAt(param.schemaPointer);
    if (validate(value)) return;
    // Query pointers start at the parameter: `/page/size` reads `page[size]`.
    const wrapped = { [param.name]: value };
    const errors = validate.errors?.map((e) => ({
      ...e,
      instancePath: joinPointer('', param.name) + e.instancePath,
    }));
    for (const p of problems(errors, wrapped, 'field', name)) violation({ location, ...p });
  };

  for (const param of operation.pathParams) {
    const text = pathParams[param.name];
    if (text === undefined) continue;
    check('path', param, context.reader.values(param.schema, [text], param.explode), nameAsIs);
  }

  const rawQuery = input.query ?? (input.path.includes('?') ? input.path : undefined);
  const search = toSearchParams(rawQuery);
  const query: Record<string, unknown> = {};
  for (const param of operation.queryParams) {
    const { present, value } = readQueryParameter(context.reader, param, search);
    if (!present) {
      if (param.required) missing('query', param.name, violation);
      continue;
    }
    query[param.name] = value;
    check('query', param, value, nameInQuery);
  }

  const headers = normalizeHeaders(input.headers);
  for (const param of operation.headerParams) {
    const text = headers.get(param.name.toLowerCase());
    if (text === undefined) {
      if (param.required) missing('header', param.name, violation);
      continue;
    }
    check('header', param, context.reader.values(param.schema, [text], param.explode), nameAsIs);
  }

  checkBody(context, operation, input, headers, violation);
  return { operation, pathParams, query, violations };
}

function missing(
  location: 'query' | 'header',
  name: string,
  violation: (v: ViolationDraft) => void,
) {
  violation({
    location,
    kind: 'missing-member',
    pointer: joinPointer('', name),
    message: `${name} is required`,
    expected: 'a value',
    received: undefined,
  });
}

function checkBody(
  context: ValidationContext,
  operation: Operation,
  input: RequestInput,
  headers: HeaderLookup,
  violation: (v: ViolationDraft) => void,
) {
  const spec = operation.requestBody;
  // An operation without a documented body ignores one: Persona does too.
  if (!spec) return;
  const isForm = typeof FormData !== 'undefined' && input.body instanceof FormData;
  if (isEmptyBody(input.body)) {
    if (spec.required) {
      violation({
        location: 'body',
        pointer: '',
        message: 'body is required',
        expected: spec.contentTypes,
        received: input.body,
      });
    }
    return;
  }
  const received = input.contentType ?? headers.get('content-type') ?? null;
  // Written only for a refused Content-Type.
  const use = () => `(use ${spec.contentTypes.join(' or ')})`;
  const schema = bodySchema(context, 'request', spec, received, (type) =>
    type === null
      ? `Content-Type is required ${use()}`
      : `Content-Type ${type} is not accepted ${use()}`,
  );
  if (schema.violation) return violation(schema.violation);
  const { schemaPointer } = schema;
  if (schemaPointer === null) return;
  const body = isForm ? formDataToObject(input.body as FormData) : input.body;
  const validate = context.ajv.validatorAt(schemaPointer);
  if (!validate(body)) {
    for (const p of problems(validate.errors, body, 'field', nameInBody))
      violation({ location: 'body', ...p });
  }
}
