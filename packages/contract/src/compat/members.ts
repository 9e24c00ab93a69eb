// The members of a schema at every depth, with what a client relies on for each:
// its types, whether it may be null, the values of its enum, whether it is required.
// Two such maps compare member by member (see compareMembers).
import { isObject, type Resolve, shape } from './schema.js';

export interface MemberInfo {
  types: Set<string>;
  nullable: boolean;
  /** Null: any value (no enum or const). */
  values: Set<string> | null;
  required: boolean;
}

/** What differs in a member both sides have, or a member one side lacks. */
export type MemberDifference =
  | { aspect: 'presence'; path: string; side: 'only-ours' | 'only-upstream' }
  | { aspect: 'nullable'; path: string; side: 'only-ours' | 'only-upstream' }
  | { aspect: 'required'; path: string; side: 'only-ours' | 'only-upstream' }
  | { aspect: 'enum'; path: string; value: string; side: 'only-ours' | 'only-upstream' }
  | { aspect: 'type'; path: string; ours: string; upstream: string };

const MAX_DEPTH = 5;

/** The schemas a member may match: itself, or each branch of its oneOf/anyOf. */
function alternatives(schema: unknown, resolve: Resolve, depth = 0): Record<string, unknown>[] {
  const node = resolve(schema);
  const branches = [
    ...(Array.isArray(node.oneOf) ? node.oneOf : []),
    ...(Array.isArray(node.anyOf) ? node.anyOf : []),
  ];
  if (branches.length === 0 || depth > 4) return [node];
  return branches.flatMap((b) => alternatives(b, resolve, depth + 1));
}

function describe(schemas: unknown[], resolve: Resolve, required: boolean): MemberInfo {
  const info: MemberInfo = { types: new Set(), nullable: false, values: null, required };
  let anyValue = false;
  for (const node of schemas.flatMap((s) => alternatives(s, resolve))) {
    const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
    for (const type of types.map(String)) {
      if (type === 'null') info.nullable = true;
      // An integer is a number to a client reading JSON.
      else info.types.add(type === 'integer' ? 'number' : type);
    }
    if (node.nullable === true) info.nullable = true;
    const values =
      node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : null;
    if (values === null) {
      if (types.some((t) => t !== 'null')) anyValue = true;
      continue;
    }
    for (const value of values) {
      if (value === null) {
        info.nullable = true;
        continue;
      }
      info.values = info.values ?? new Set();
      info.values.add(String(value));
    }
  }
  if (anyValue) info.values = null;
  return info;
}

/**
 * `attributes.name-first`, `attributes.fields`, `attributes.photo-urls[].page`:
 * every member below `schema`, down to a few levels. `skip` names members whose
 * insides are each organization's own (custom `fields`).
 */
export function membersOf(
  schema: unknown,
  resolve: Resolve,
  skip: (path: string) => boolean = () => false,
): Map<string, MemberInfo> {
  const out = new Map<string, MemberInfo>();
  const walk = (node: unknown, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const { properties, required } = shape(node, resolve, true);
    for (const [name, children] of properties) {
      const path = `${prefix}${name}`;
      out.set(path, describe(children, resolve, required.has(name)));
      if (skip(path)) continue;
      for (const child of children.flatMap((c) => alternatives(c, resolve))) {
        walk(child, `${path}.`, depth + 1);
        if (isObject(child.items)) walk(child.items, `${path}[].`, depth + 1);
      }
    }
  };
  walk(schema, '', 0);
  return out;
}

const sorted = (set: Set<string>) => [...set].sort().join('|');

/** Member by member: presence, then for members both have, type, null, enum, required. */
export function compareMembers(
  ours: Map<string, MemberInfo>,
  upstream: Map<string, MemberInfo>,
): MemberDifference[] {
  const out: MemberDifference[] = [];
  const paths = [...new Set([...ours.keys(), ...upstream.keys()])].sort();
  for (const path of paths) {
    const a = ours.get(path);
    const b = upstream.get(path);
    if (!a || !b) {
      // Below a member one side lacks, nothing more is news.
      const parent = path.replace(/(\[\])?\.[^.]+$/, '');
      if (parent !== path && (!ours.has(parent) || !upstream.has(parent))) continue;
      out.push({ aspect: 'presence', path, side: a ? 'only-ours' : 'only-upstream' });
      continue;
    }
    if (a.types.size > 0 && b.types.size > 0 && sorted(a.types) !== sorted(b.types)) {
      out.push({ aspect: 'type', path, ours: sorted(a.types), upstream: sorted(b.types) });
    }
    if (a.nullable !== b.nullable) {
      out.push({ aspect: 'nullable', path, side: a.nullable ? 'only-ours' : 'only-upstream' });
    }
    if (a.required !== b.required) {
      out.push({ aspect: 'required', path, side: a.required ? 'only-ours' : 'only-upstream' });
    }
    if (a.values && b.values) {
      for (const value of [...a.values].sort())
        if (!b.values.has(value)) out.push({ aspect: 'enum', path, value, side: 'only-ours' });
      for (const value of [...b.values].sort())
        if (!a.values.has(value)) out.push({ aspect: 'enum', path, value, side: 'only-upstream' });
    }
  }
  return out;
}

/** One view of several kinds of a resource (report types): a member any of them has. */
export function mergeMembers(maps: Map<string, MemberInfo>[]): Map<string, MemberInfo> {
  const out = new Map<string, MemberInfo>();
  for (const map of maps) {
    for (const [path, info] of map) {
      const seen = out.get(path);
      if (!seen) {
        out.set(path, {
          ...info,
          types: new Set(info.types),
          values: info.values && new Set(info.values),
        });
        continue;
      }
      for (const t of info.types) seen.types.add(t);
      seen.nullable ||= info.nullable;
      seen.required &&= info.required;
      seen.values = seen.values && info.values ? new Set([...seen.values, ...info.values]) : null;
    }
  }
  return out;
}
