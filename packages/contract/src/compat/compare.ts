// Compares our spec with Persona's published one, operation by operation (an
// operation is the same when its method and path are): path parameter names,
// methods, parameters, required request fields, statuses, and the attribute
// names of the primary resource a success answers.

export type DifferenceKind =
  | 'path'
  | 'method'
  | 'parameter'
  | 'request-field'
  | 'status'
  | 'response-field';

/** `only-ours`: our spec has it and Persona's does not; `only-upstream`: the reverse. */
export type Side = 'only-ours' | 'only-upstream' | 'both-differ';

export interface Difference {
  /** `POST /accounts`, with our path template. */
  operation: string;
  operationId: string;
  kind: DifferenceKind;
  side: Side;
  /** What differs: `query:filter[status]`, `data.attributes.case-template-id`, `503`, `behaviors`. */
  item: string;
  /** One line for a report. */
  text: string;
}

export interface Comparison {
  /** Operations both specs have, as `METHOD /path`. */
  compared: string[];
  /** Our operations Persona's spec does not have (newer than it): not compared. */
  onlyOurs: string[];
  differences: Difference[];
}

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows local `$ref`s; an unresolvable one reads as an empty schema. */
function resolver(document: Json) {
  const at = (ref: string): unknown => {
    let node: unknown = document;
    for (const raw of ref.replace(/^#\//, '').split('/')) {
      const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      node = isObject(node) || Array.isArray(node) ? (node as Json)[segment] : undefined;
    }
    return node;
  };
  return (value: unknown): Json => {
    const seen = new Set<string>();
    let node = value;
    while (isObject(node) && typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      node = at(node.$ref);
    }
    return isObject(node) ? node : {};
  };
}

type Resolve = ReturnType<typeof resolver>;

/** An object schema's properties and required names, allOf merged in; with `branches`, oneOf/anyOf too. */
function shape(
  schema: unknown,
  resolve: Resolve,
  branches: boolean,
  depth = 0,
): { properties: Map<string, unknown>; required: Set<string> } {
  const node = resolve(schema);
  const properties = new Map<string, unknown>();
  const required = new Set<string>();
  if (depth > 8) return { properties, required };
  for (const [name, child] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    properties.set(name, child);
  }
  if (Array.isArray(node.required)) for (const name of node.required) required.add(String(name));
  const parts = [
    ...(Array.isArray(node.allOf) ? node.allOf : []),
    ...(branches && Array.isArray(node.oneOf) ? node.oneOf : []),
    ...(branches && Array.isArray(node.anyOf) ? node.anyOf : []),
  ];
  for (const part of parts) {
    const inner = shape(part, resolve, branches, depth + 1);
    for (const [name, child] of inner.properties) if (!properties.has(name)) properties.set(name, child);
    // Only allOf parts make a member required in every case.
    if ((node.allOf as unknown[] | undefined)?.includes(part)) {
      for (const name of inner.required) required.add(name);
    }
  }
  return { properties, required };
}

interface OperationView {
  method: string;
  path: string;
  operationId: string;
  parameters: Map<string, boolean>;
  requiredFields: Set<string>;
  statuses: Set<string>;
  responseFields: Set<string> | null;
}

/** `in:name` → required, with the members of deepObject query parameters as `query:filter[x]`. */
function parametersOf(item: Json, operation: Json, resolve: Resolve): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const all = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ].map(resolve);
  for (const parameter of all) {
    const where = String(parameter.in);
    const name = String(parameter.name);
    // Header names are case-insensitive.
    const key = where === 'header' ? `header:${name.toLowerCase()}` : `${where}:${name}`;
    out.set(key, parameter.required === true);
    if (where === 'query' && parameter.style === 'deepObject') {
      const { properties, required } = shape(parameter.schema, resolve, true);
      for (const member of properties.keys()) {
        out.set(`query:${name}[${member}]`, required.has(member));
      }
    }
  }
  return out;
}

/** Required members at every depth of a JSON request body: `data`, `data.attributes.case-template-id`. */
function requiredFieldsOf(operation: Json, resolve: Resolve): Set<string> {
  const out = new Set<string>();
  const body = resolve(operation.requestBody);
  const content = isObject(body.content) ? body.content : {};
  const media = resolve(content['application/json'] ?? content['multipart/form-data']);
  const walk = (schema: unknown, prefix: string, depth: number) => {
    if (depth > 4) return;
    const { properties, required } = shape(schema, resolve, false);
    for (const name of required) out.add(prefix + name);
    for (const [name, child] of properties) {
      // Custom fields are each organization's own.
      if (name === 'fields') continue;
      walk(child, `${prefix}${name}.`, depth + 1);
    }
  };
  if (media.schema !== undefined) walk(media.schema, '', 0);
  return out;
}

/** Attribute names of the primary resource of the first 2xx answer with a JSON body. */
function responseFieldsOf(operation: Json, resolve: Resolve): Set<string> | null {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = Object.keys(responses)
    .filter((status) => /^2\d\d$/.test(status))
    .sort()
    .map((status) => resolve(responses[status]))
    .find((response) => isObject(response.content) && response.content['application/json']);
  if (!success) return null;
  const media = resolve((success.content as Json)['application/json']);
  const data = shape(media.schema, resolve, true).properties.get('data');
  if (data === undefined) return null;
  let resource = resolve(data);
  if (resource.type === 'array' || resource.items !== undefined) resource = resolve(resource.items);
  const attributes = shape(resource, resolve, true).properties.get('attributes');
  if (attributes === undefined) return null;
  return new Set(shape(attributes, resolve, true).properties.keys());
}

function operationsOf(document: Json): Map<string, OperationView> {
  const resolve = resolver(document);
  const out = new Map<string, OperationView>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(rawItem);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const view: OperationView = {
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId ?? `${method} ${path}`),
        parameters: parametersOf(item, operation, resolve),
        requiredFields: requiredFieldsOf(operation, resolve),
        statuses: new Set(Object.keys(isObject(operation.responses) ? operation.responses : {})),
        responseFields: responseFieldsOf(operation, resolve),
      };
      out.set(`${view.method} ${normalize(path)}`, view);
    }
  }
  return out;
}

/** `/accounts/{account-id}` → `/accounts/{}`: paths match whatever their parameters are named. */
function normalize(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
}

function setDifferences(
  ours: Set<string>,
  upstream: Set<string>,
  make: (item: string, side: Side) => Difference,
): Difference[] {
  const out: Difference[] = [];
  for (const item of [...ours].sort()) if (!upstream.has(item)) out.push(make(item, 'only-ours'));
  for (const item of [...upstream].sort()) if (!ours.has(item)) out.push(make(item, 'only-upstream'));
  return out;
}

const SIDE_TEXT: Record<Side, string> = {
  'only-ours': 'only in our spec',
  'only-upstream': "only in Persona's spec",
  'both-differ': 'differs',
};

export function compareSpecs(ours: Json, upstream: Json): Comparison {
  const mine = operationsOf(ours);
  const theirs = operationsOf(upstream);
  const compared: string[] = [];
  const onlyOurs: string[] = [];
  const differences: Difference[] = [];

  const upstreamByPath = new Map<string, OperationView[]>();
  for (const [key, view] of theirs) {
    const path = key.slice(key.indexOf(' ') + 1);
    upstreamByPath.set(path, [...(upstreamByPath.get(path) ?? []), view]);
  }

  for (const [key, our] of mine) {
    const operation = `${our.method} ${our.path}`;
    const diff = (kind: DifferenceKind, item: string, side: Side, detail?: string): Difference => ({
      operation,
      operationId: our.operationId,
      kind,
      side,
      item,
      text: `${operation} ${kind} ${item}: ${detail ?? SIDE_TEXT[side]}`,
    });
    const their = theirs.get(key);
    if (!their) {
      const samePath = upstreamByPath.get(normalize(our.path));
      if (samePath) {
        // The path is Persona's, the method is not.
        differences.push(
          diff(
            'method',
            our.method,
            'both-differ',
            `Persona's spec has ${samePath.map((v) => v.method).join(', ')} on this path`,
          ),
        );
      } else {
        onlyOurs.push(operation);
      }
      continue;
    }
    compared.push(operation);
    if (their.path !== our.path) {
      differences.push(diff('path', our.path, 'both-differ', `Persona's spec writes ${their.path}`));
    }
    differences.push(
      ...setDifferences(new Set(our.parameters.keys()), new Set(their.parameters.keys()), (item, side) =>
        diff('parameter', item, side),
      ),
    );
    for (const [name, required] of our.parameters) {
      const upstreamRequired = their.parameters.get(name);
      if (upstreamRequired !== undefined && upstreamRequired !== required) {
        differences.push(
          diff(
            'parameter',
            name,
            'both-differ',
            `required in ${required ? 'our spec' : "Persona's spec"} only`,
          ),
        );
      }
    }
    differences.push(
      ...setDifferences(our.requiredFields, their.requiredFields, (item, side) =>
        diff('request-field', item, side, `required ${SIDE_TEXT[side]}`),
      ),
    );
    differences.push(
      ...setDifferences(our.statuses, their.statuses, (item, side) => diff('status', item, side)),
    );
    if (our.responseFields && their.responseFields) {
      differences.push(
        ...setDifferences(our.responseFields, their.responseFields, (item, side) =>
          diff('response-field', item, side),
        ),
      );
    }
  }
  return { compared, onlyOurs, differences };
}
