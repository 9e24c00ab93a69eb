// The parts of an OpenAPI 3.1 document this package reads, and the shapes it answers.

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) or a boolean schema. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface Reference {
  $ref: string;
  summary?: string;
  description?: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema?: JsonSchema;
  [extension: string]: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown } | Reference>;
  [extension: string]: unknown;
}

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
  [extension: string]: unknown;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: RequestBodyObject | Reference;
  responses?: Record<string, ResponseObject | Reference>;
  security?: Array<Record<string, string[]>>;
  [extension: string]: unknown;
}

export const httpMethods = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type LowercaseMethod = (typeof httpMethods)[number];
export type HttpMethod = Uppercase<LowercaseMethod>;

export type PathItemObject = {
  parameters?: Array<ParameterObject | Reference>;
  summary?: string;
  description?: string;
} & { [M in LowercaseMethod]?: OperationObject };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    parameters?: Record<string, ParameterObject | Reference>;
    headers?: Record<string, HeaderObject | Reference>;
    responses?: Record<string, ResponseObject | Reference>;
    requestBodies?: Record<string, RequestBodyObject | Reference>;
    examples?: Record<string, { summary?: string; value?: unknown } | Reference>;
    securitySchemes?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** A parameter of an operation, with the path item's parameters merged in. */
export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  /** `form` for query, `simple` for path and header unless the spec says otherwise. */
  style: string;
  explode: boolean;
  /** The schema as written in the document (it may be a `$ref`). */
  schema: JsonSchema | null;
  /** JSON pointer to the schema in the document, or null when there is none. */
  schemaPointer: string | null;
}

export interface OperationRequestBody {
  required: boolean;
  contentTypes: string[];
  /** JSON pointer to the (resolved) request body object. */
  pointer: string;
}

export interface OperationResponse {
  /** As written in the spec: `200`, `4XX` or `default`. */
  status: string;
  description: string;
  contentTypes: string[];
  /** Whether any of the content types carries a schema. */
  hasSchema: boolean;
  /** Documented headers, by name: whether each is required. */
  headers: Record<string, boolean>;
  /** JSON pointer to the (resolved) response object. */
  pointer: string;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path template, e.g. `/accounts/{account-id}`. */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  deprecated: boolean;
  pathParams: OperationParameter[];
  queryParams: OperationParameter[];
  headerParams: OperationParameter[];
  requestBody: OperationRequestBody | null;
  responses: Record<string, OperationResponse>;
  /** JSON pointer to the operation object, e.g. `/paths/~1accounts/get`. */
  pointer: string;
}

export interface OperationMatch {
  operation: Operation;
  /** Path parameter values, percent-decoded, by name. */
  pathParams: Record<string, string>;
}

export type ViolationLocation = 'path' | 'query' | 'header' | 'body' | 'content-type' | 'status';

/**
 * `breaking`: a client written to the spec may fail on it (a member missing, a wrong
 * type, a value outside a closed enum, an undocumented status). `additive`: something
 * the spec does not know yet (an attribute, a relationship, a value of an enum marked
 * `x-open-enum: true`) that a tolerant client ignores.
 */
export type Severity = 'breaking' | 'additive';

/** What kind of drift a violation is; drift of one kind groups into one report line. */
export type ViolationKind =
  | 'missing-member'
  | 'wrong-type'
  | 'closed-enum'
  | 'invalid-value'
  | 'undocumented-status'
  | 'undocumented-operation'
  | 'content-type'
  | 'unknown-member'
  | 'open-enum-value';

export interface Violation {
  /** Null when no operation matched the method and path. */
  operationId: string | null;
  method: string;
  /** The path template, or the path as given when no operation matched. */
  path: string;
  /** The response status; null for requests. */
  status: number | null;
  location: ViolationLocation;
  /** JSON pointer into the body (or into the parameters of `location`). */
  pointer: string;
  message: string;
  expected?: unknown;
  received?: unknown;
  kind: ViolationKind;
  severity: Severity;
  /** The JSON:API `type` of the object in the body the pointer is in, when there is one. */
  resource?: string;
}

/** A violation as a check states it: the operation, tier and resource are filled in after. */
export type ViolationDraft = Omit<
  Violation,
  'operationId' | 'method' | 'path' | 'status' | 'kind' | 'severity' | 'resource'
> & { kind?: ViolationKind };
