// Builds the operation index: one flat record per (method, path) of the document.
import { joinPointer, resolveRef } from './pointer.js';
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
  document: OpenApiDocument,
  raw: ParameterObject | Reference,
  pointer: string,
): OperationParameter {
  const { value, pointer: at } = resolveRef<ParameterObject>(document, raw, pointer);
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
function parameters(document: OpenApiDocument, path: string, method: string): OperationParameter[] {
  const itemPointer = joinPointer('', 'paths', path);
  const item = document.paths[path] ?? {};
  const merged = new Map<string, OperationParameter>();
  (item.parameters ?? []).forEach((p, i) => {
    const param = parameter(document, p, joinPointer(itemPointer, 'parameters', i));
    merged.set(`${param.in}:${param.name.toLowerCase()}`, param);
  });
  const operation = item[method as keyof typeof item] as { parameters?: typeof item.parameters };
  (operation.parameters ?? []).forEach((p, i) => {
    const param = parameter(document, p, joinPointer(itemPointer, method, 'parameters', i));
    merged.set(`${param.in}:${param.name.toLowerCase()}`, param);
  });
  return [...merged.values()];
}

function response(
  document: OpenApiDocument,
  status: string,
  raw: ResponseObject | Reference,
  pointer: string,
): OperationResponse {
  const { value, pointer: at } = resolveRef<ResponseObject>(document, raw, pointer);
  const content = value.content ?? {};
  const headers: Record<string, boolean> = {};
  for (const [name, header] of Object.entries(value.headers ?? {})) {
    const resolved = resolveRef<HeaderObject>(document, header, joinPointer(at, 'headers', name));
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
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods) {
      const op = item[method];
      if (!op) continue;
      const pointer = joinPointer('', 'paths', path, method);
      const params = parameters(document, path, method);
      let requestBody: Operation['requestBody'] = null;
      if (op.requestBody) {
        const body = resolveRef<RequestBodyObject>(
          document,
          op.requestBody,
          `${pointer}/requestBody`,
        );
        requestBody = {
          required: body.value.required ?? false,
          contentTypes: Object.keys(body.value.content ?? {}),
          pointer: body.pointer,
        };
      }
      const responses: Record<string, OperationResponse> = {};
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        responses[status] = response(
          document,
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
