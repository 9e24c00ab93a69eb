// Builds the operation index: one flat record per (method, path) of the document.
import { joinPointer, type RefResolver, refResolver } from './pointer.js';
import {
  type HeaderObject,
  type HttpMethod,
  httpMethods,
  type OpenApiDocument,
  type Operation,
  type OperationParameter,
  type OperationResponse,
  type ParameterObject,
  type Reference,
  type RequestBodyObject,
  type ResponseObject,
} from './types.js';

function parameter(
  resolve: RefResolver,
  raw: ParameterObject | Reference,
  pointer: string,
): OperationParameter {
  const { value, pointer: at } = resolve<ParameterObject>(raw, pointer);
  const style = value.style ?? (value.in === 'query' || value.in === 'cookie' ? 'form' : 'simple');
  return {
    name: value.name,
    in: value.in,
    required: value.required ?? value.in === 'path',
    ...(value.description === undefined ? {} : { description: value.description }),
    style,
    explode: value.explode ?? style === 'form',
    schema: value.schema ?? null,
    schemaPointer: value.schema === undefined ? null : `${at}/schema`,
  };
}

/** Path item parameters apply to every operation; an operation's own one (same name and `in`) wins. */
function parameters(
  document: OpenApiDocument,
  resolve: RefResolver,
  path: string,
  method: string,
): OperationParameter[] {
  const itemPointer = joinPointer('', 'paths', path);
  const item = document.paths[path] ?? {};
  const merged = new Map<string, OperationParameter>();
  (item.parameters ?? []).forEach((p, i) => {
    const param = parameter(resolve, p, joinPointer(itemPointer, 'parameters', i));
    merged.set(`${param.in}:${param.name.toLowerCase()}`, param);
  });
  const operation = item[method as keyof typeof item] as { parameters?: typeof item.parameters };
  (operation.parameters ?? []).forEach((p, i) => {
    const param = parameter(resolve, p, joinPointer(itemPointer, method, 'parameters', i));
    merged.set(`${param.in}:${param.name.toLowerCase()}`, param);
  });
  return [...merged.values()];
}

function response(
  resolve: RefResolver,
  status: string,
  raw: ResponseObject | Reference,
  pointer: string,
): OperationResponse {
  const { value, pointer: at } = resolve<ResponseObject>(raw, pointer);
  const content = value.content ?? {};
  const headers: Record<string, boolean> = {};
  for (const [name, header] of Object.entries(value.headers ?? {})) {
    const resolved = resolve<HeaderObject>(header, joinPointer(at, 'headers', name));
    headers[name] = resolved.value.required ?? false;
  }
  return {
    status,
    description: value.description,
    contentTypes: Object.keys(content),
    hasSchema: Object.values(content).some((media) => media.schema !== undefined),
    headers,
    pointer: at,
  };
}

export function indexOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const resolve = refResolver(document);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods) {
      const op = item[method];
      if (!op) continue;
      const pointer = joinPointer('', 'paths', path, method);
      const params = parameters(document, resolve, path, method);
      let requestBody: Operation['requestBody'] = null;
      if (op.requestBody) {
        const body = resolve<RequestBodyObject>(op.requestBody, `${pointer}/requestBody`);
        requestBody = {
          required: body.value.required ?? false,
          contentTypes: Object.keys(body.value.content ?? {}),
          pointer: body.pointer,
        };
      }
      const responses: Record<string, OperationResponse> = {};
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        responses[status] = response(
          resolve,
          status,
          raw,
          joinPointer(pointer, 'responses', status),
        );
      }
      operations.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase() as HttpMethod,
        path,
        tags: op.tags ?? [],
        summary: op.summary ?? '',
        ...(op.description === undefined ? {} : { description: op.description }),
        deprecated: op.deprecated ?? false,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        requestBody,
        responses,
        pointer,
      });
    }
  }
  return operations;
}
