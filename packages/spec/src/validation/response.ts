// validateResponse: is this status, these headers, this body what the spec
// documents for the operation?
import {
  deinflectChecked,
  inflectKey,
  type KeyInflection,
  parseKeyInflection,
} from '../inflection.js';
import { getByPointer, joinPointer, resolveRef } from '../pointer.js';
import type {
  HeaderObject,
  JsonSchema,
  Operation,
  OperationResponse,
  ResponseObject,
  Violation,
  ViolationDraft,
  ViolationKind,
} from '../types.js';
import { bodySchema } from './body.js';
import { locate, type ValidationContext } from './context.js';
import { type HeaderLookup, type HeadersInput, isEmptyBody, normalizeHeaders } from './http.js';
import { problems } from './messages.js';
import { kindOfLocation, severityOf } from './tiers.js';

export interface ResponseInput {
  method: string;
  /** The request's path (`/accounts/act_…`, with or without `/api/v1`, query ignored). */
  path: string;
  status: number;
  headers?: HeadersInput;
  /** The parsed JSON body (or undefined when there was none). */
  body?: unknown;
  /** The request's `Key-Inflection`: a camel or snake body is checked in that casing, then as kebab. */
  keyInflection?: KeyInflection | string | null;
  /** Skips path matching when the caller knows the operation. */
  operationId?: string;
}

/** The documented response for a status: exact, then `4XX`, then `default`. */
export function documentedResponse(operation: Operation, status: number): OperationResponse | null {
  const { responses } = operation;
  return (
    responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? null
  );
}

export function validateResponse(context: ValidationContext, input: ResponseInput): Violation[] {
  const located = locate(context, input.method, input.path, input.status, input.operationId);
  if (!located.match) return [located.violation];
  const { operation } = located.match;
  const violations: Violation[] = [];
  let body = input.body;
  const violation = ({ kind: given, ...v }: ViolationDraft) => {
    const kind: ViolationKind = given ?? kindOfLocation(v.location);
    const resource = v.location === 'body' ? resourceAt(body, v.pointer) : undefined;
    violations.push({
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      status: input.status,
      ...v,
      kind,
      severity: severityOf(kind),
      ...(resource === undefined ? {} : { resource }),
    });
  };

  const response = documentedResponse(operation, input.status);
  if (!response) {
    const documented = Object.keys(operation.responses);
    violation({
      location: 'status',
      pointer: '',
      message: `status ${input.status} is not documented for ${operation.operationId} (documented: ${documented.join(', ')})`,
      expected: documented,
      received: input.status,
    });
    return violations;
  }

  const headers = normalizeHeaders(input.headers);
  checkHeaders(context, response, headers, violation);

  if (response.contentTypes.length === 0) {
    if (!isEmptyBody(input.body)) {
      violation({
        location: 'body',
        pointer: '',
        message: `status ${response.status} of ${operation.operationId} has no documented body`,
        expected: undefined,
        received: input.body,
      });
    }
    return violations;
  }

  const received = headers.get('content-type');
  const documentedTypes = `(documented: ${response.contentTypes.join(', ')})`;
  const schema = bodySchema(context, 'response', response, received, (type) =>
    type === null
      ? `Content-Type is missing ${documentedTypes}`
      : `Content-Type ${type} is not documented ${documentedTypes}`,
  );
  if (schema.violation) {
    violation(schema.violation);
    return violations;
  }
  const { schemaPointer } = schema;
  if (schemaPointer === null) return violations;

  const inflection = parseKeyInflection(input.keyInflection);
  if (inflection !== 'kebab') {
    const checked = deinflectChecked(body, inflection);
    for (const { pointer, key } of checked.misnamed) {
      violation({
        location: 'body',
        pointer,
        message: `${pointer} is sent as ${JSON.stringify(key)}, not in ${inflection} case (Key-Inflection: ${inflection})`,
        expected: inflectKey(
          pointer.split('/').at(-1)!.replaceAll('~1', '/').replaceAll('~0', '~'),
          inflection,
        ),
        received: key,
      });
    }
    body = checked.value;
  }

  const validate = context.ajv.validatorAt(schemaPointer);
  if (!validate(body)) {
    for (const p of problems(validate.errors, body, 'pointer'))
      violation({ location: 'body', ...p });
  }
  return violations;
}

interface HeaderSpec {
  name: string;
  lowerName: string;
  pointer: string;
  required: boolean;
  schema: JsonSchema | null;
  schemaPointer: string | null;
}

function specsOf(context: ValidationContext, response: OperationResponse): HeaderSpec[] {
  return context.memo(`response headers ${response.pointer}`, () => {
    const object = getByPointer(context.document, response.pointer) as ResponseObject;
    return Object.entries(object.headers ?? {}).map(([name, raw]) => {
      const { value, pointer } = resolveRef<HeaderObject>(
        context.document,
        raw,
        joinPointer(response.pointer, 'headers', name),
      );
      return {
        name,
        lowerName: name.toLowerCase(),
        pointer: joinPointer('', name),
        required: value.required ?? false,
        schema: value.schema ?? null,
        schemaPointer: value.schema === undefined ? null : `${pointer}/schema`,
      };
    });
  });
}

function checkHeaders(
  context: ValidationContext,
  response: OperationResponse,
  headers: HeaderLookup,
  violation: (v: ViolationDraft) => void,
) {
  for (const spec of specsOf(context, response)) {
    // Content-Type is described by `content`, never by `headers` (OpenAPI ignores it there).
    if (spec.lowerName === 'content-type') continue;
    const text = headers.get(spec.lowerName);
    const { pointer } = spec;
    if (text === undefined) {
      if (spec.required) {
        violation({
          location: 'header',
          kind: 'missing-member',
          pointer,
          message: `${spec.name} header is required`,
          expected: 'present',
          received: undefined,
        });
      }
      continue;
    }
    if (spec.schemaPointer === null) continue;
    const value = context.reader.values(spec.schema, [text], false);
    const validate = context.ajv.validatorAt(spec.schemaPointer);
    if (!validate(value)) {
      for (const p of problems(validate.errors, value, 'pointer', () => `${spec.name} header`)) {
        violation({ location: 'header', ...p, pointer });
      }
    }
  }
}

// `/data/attributes/x`, `/data/3/relationships/y`, `/included/0/attributes/z`.
const IN_RESOURCE = /^(\/data(?:\/\d+)?|\/included\/\d+)(?:\/|$)/;

/** The JSON:API type of the resource object a body pointer is in. */
function resourceAt(body: unknown, pointer: string): string | undefined {
  const match = IN_RESOURCE.exec(pointer);
  if (!match) return undefined;
  const type = (getByPointer(body, match[1]!) as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}
