// Compares our spec with Persona's published one, operation by operation (an
// operation is the same when its method and path are): path parameter names,
// methods, parameters, required request fields, statuses, and the attribute
// names of the primary resource a success answers.

import { compareMembers, type MemberDifference, membersOf, mergeMembers } from './members.js';
import { isObject, type Json, type Resolve, resolver, shape } from './schema.js';

export type DifferenceKind =
  | 'path'
  | 'method'
  | 'parameter'
  | 'request-field'
  | 'request-member'
  | 'request-type'
  | 'request-nullable'
  | 'request-enum'
  | 'status'
  | 'response-field'
  | 'response-type'
  | 'response-nullable'
  | 'response-required'
  | 'response-enum';

export const differenceKinds: DifferenceKind[] = [
  'path',
  'method',
  'parameter',
  'request-field',
  'request-member',
  'request-type',
  'request-nullable',
  'request-enum',
  'status',
  'response-field',
  'response-type',
  'response-nullable',
  'response-required',
  'response-enum',
];

/** `only-ours`: our spec has it and Persona's does not; `only-upstream`: the reverse. */
export type Side = 'only-ours' | 'only-upstream' | 'both-differ';

export interface Difference {
  /** `POST /accounts`, with our path template. */
  operation: string;
  operationId: string;
  kind: DifferenceKind;
  side: Side;
  /**
   * What differs: `query:filter[status]`, `data.attributes.case-template-id`, `503`,
   * `attributes.behaviors`, `attributes.status=pending` (an enum value).
   */
  item: string;
  /** `PATCH /accounts/{account-id} response-enum only-upstream attributes.status=pending`: stable across runs. */
  key: string;
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

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** One kind of resource a document may hold: its JSON:API types (null: any) and attribute names. */
interface ResourceKind {
  types: Set<string> | null;
  /** The resource object's members at every depth: `attributes.name-first`, `relationships.cases`. */
  members: ReturnType<typeof membersOf>;
}

/** The kinds of resource a `data` schema allows: one per oneOf/anyOf branch (reports have one per report type). */
function resourceKinds(schema: unknown, resolve: Resolve, depth = 0): ResourceKind[] {
  let node = resolve(schema);
  if (node.type === 'array' || node.items !== undefined) node = resolve(node.items);
  const alternatives = [
    ...(Array.isArray(node.oneOf) ? node.oneOf : []),
    ...(Array.isArray(node.anyOf) ? node.anyOf : []),
  ];
  if (alternatives.length > 0 && depth < 4) {
    return alternatives.flatMap((branch) => resourceKinds(branch, resolve, depth + 1));
  }
  const { properties } = shape(node, resolve, false);
  let types: Set<string> | null = null;
  for (const typeSchema of properties.get('type') ?? []) {
    const resolved = resolve(typeSchema);
    const values =
      resolved.const !== undefined
        ? [resolved.const]
        : Array.isArray(resolved.enum)
          ? resolved.enum
          : null;
    if (values) types = new Set([...(types ?? []), ...values.map(String)]);
  }
  // Custom fields are each organization's own: their insides are not compared.
  return [{ types, members: membersOf(node, resolve, (path) => path === 'attributes.fields') }];
}

interface OperationView {
  method: string;
  path: string;
  operationId: string;
  parameters: Map<string, boolean>;
  /** Required request fields, by request media type. */
  requiredFields: (mediaType: string) => Set<string>;
  requestMembers: (mediaType: string) => ReturnType<typeof membersOf>;
  mediaTypes: string[];
  statuses: Set<string>;
  responseKinds: ResourceKind[] | null;
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

/** The media types of an operation's request body, in the order written. */
function requestMediaTypes(operation: Json, resolve: Resolve): string[] {
  const content = resolve(operation.requestBody).content;
  return isObject(content) ? Object.keys(content) : [];
}

/** `data[attributes][file]` → `data.attributes.file`: form fields in bracket notation as a path. */
function bracketPath(name: string): string {
  return name.replace(/\[([^\]]*)\]/g, '.$1');
}

/**
 * Required members at every depth of a request body of `mediaType`:
 * `data`, `data.attributes.case-template-id`. A required member is listed
 * whenever its parent is there, so the lists compare however a spec nests them.
 */
function requiredFieldsOf(operation: Json, resolve: Resolve, mediaType: string): Set<string> {
  const out = new Set<string>();
  const content = resolve(operation.requestBody).content;
  const media = resolve(isObject(content) ? content[mediaType] : undefined);
  const add = (path: string) => {
    // A flat form field `data[attributes][file]` stands for its parents as well.
    const parts = bracketPath(path).split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  };
  const walk = (schema: unknown, prefix: string, depth: number) => {
    if (depth > 4) return;
    const { properties, required } = shape(schema, resolve, false);
    for (const name of required) add(prefix + name);
    for (const [name, children] of properties) {
      // Custom fields are each organization's own.
      if (name === 'fields') continue;
      for (const child of children) walk(child, `${prefix}${name}.`, depth + 1);
    }
  };
  if (media.schema !== undefined) walk(media.schema, '', 0);
  return out;
}

/** The kinds of primary resource of the first 2xx answer with a JSON body. */
function responseKindsOf(operation: Json, resolve: Resolve): ResourceKind[] | null {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = Object.keys(responses)
    .filter((status) => /^2\d\d$/.test(status))
    .sort()
    .map((status) => resolve(responses[status]))
    .find((response) => isObject(response.content) && response.content['application/json']);
  if (!success) return null;
  const media = resolve((success.content as Json)['application/json']);
  const data = shape(media.schema, resolve, true).properties.get('data');
  if (!data) return null;
  return data.flatMap((schema) => resourceKinds(schema, resolve));
}

/**
 * The members of the kinds of resource both specs describe: Persona's spec has
 * report kinds persona-kit does not support, and those are not compared.
 */
function sharedMembers(ours: ResourceKind[], theirs: ResourceKind[]): MemberDifference[] {
  const typesOf = (kinds: ResourceKind[]) =>
    kinds.some((k) => k.types === null)
      ? null
      : new Set(kinds.flatMap((k) => [...(k.types ?? [])]));
  const keep = (kinds: ResourceKind[], other: Set<string> | null) =>
    kinds.filter(
      (k) => other === null || k.types === null || [...k.types].some((t) => other.has(t)),
    );
  const merged = (kinds: ResourceKind[]) => mergeMembers(kinds.map((k) => k.members));
  return compareMembers(merged(keep(ours, typesOf(theirs))), merged(keep(theirs, typesOf(ours))));
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
        requiredFields: (mediaType) => requiredFieldsOf(operation, resolve, mediaType),
        requestMembers: (mediaType) => {
          const content = resolve(operation.requestBody).content;
          const media = resolve(isObject(content) ? content[mediaType] : undefined);
          return membersOf(media.schema, resolve, (path) => path.endsWith('.fields'));
        },
        mediaTypes: requestMediaTypes(operation, resolve),
        statuses: new Set(Object.keys(isObject(operation.responses) ? operation.responses : {})),
        responseKinds: responseKindsOf(operation, resolve),
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
  for (const item of [...upstream].sort())
    if (!ours.has(item)) out.push(make(item, 'only-upstream'));
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
      key: `${operation} ${kind} ${side} ${item}`,
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
      differences.push(
        diff('path', our.path, 'both-differ', `Persona's spec writes ${their.path}`),
      );
    }
    differences.push(
      ...setDifferences(
        new Set(our.parameters.keys()),
        new Set(their.parameters.keys()),
        (item, side) => diff('parameter', item, side),
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
    // Request bodies compare in a media type both accept, else in each one's first.
    const shared = our.mediaTypes.find((t) => their.mediaTypes.includes(t));
    const ourType = shared ?? our.mediaTypes[0];
    const theirType = shared ?? their.mediaTypes[0];
    if (ourType !== undefined || theirType !== undefined) {
      differences.push(
        ...setDifferences(
          ourType === undefined ? new Set() : our.requiredFields(ourType),
          theirType === undefined ? new Set() : their.requiredFields(theirType),
          (item, side) => diff('request-field', item, side, `required ${SIDE_TEXT[side]}`),
        ),
      );
    }
    differences.push(
      ...setDifferences(our.statuses, their.statuses, (item, side) => diff('status', item, side)),
    );
    if (ourType !== undefined && theirType !== undefined) {
      const members = compareMembers(our.requestMembers(ourType), their.requestMembers(theirType));
      // Required request members are compared above, at every depth.
      const kept = members.filter((m) => m.aspect !== 'required');
      differences.push(...kept.map((m) => memberDifference('request', m, diff)));
    }
    if (our.responseKinds && their.responseKinds) {
      const members = sharedMembers(our.responseKinds, their.responseKinds);
      differences.push(...members.map((m) => memberDifference('response', m, diff)));
    }
  }
  return { compared, onlyOurs, differences };
}

type MakeDifference = (
  kind: DifferenceKind,
  item: string,
  side: Side,
  detail?: string,
) => Difference;

function memberDifference(
  where: 'request' | 'response',
  m: MemberDifference,
  diff: MakeDifference,
): Difference {
  switch (m.aspect) {
    case 'presence':
      return diff(where === 'request' ? 'request-member' : 'response-field', m.path, m.side);
    case 'type':
      return diff(
        `${where}-type`,
        m.path,
        'both-differ',
        `${m.ours} in our spec, ${m.upstream} in Persona's`,
      );
    case 'nullable':
      return diff(`${where}-nullable`, m.path, m.side, `may be null ${SIDE_TEXT[m.side]}`);
    case 'required':
      return diff('response-required', m.path, m.side, `required ${SIDE_TEXT[m.side]}`);
    case 'enum':
      return diff(`${where}-enum`, `${m.path}=${m.value}`, m.side, `value ${SIDE_TEXT[m.side]}`);
  }
}
