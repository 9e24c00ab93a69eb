// Reading OpenAPI schemas for comparison: local $refs followed, allOf merged,
// oneOf/anyOf branches read as alternatives.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows local `$ref`s; an unresolvable one reads as an empty schema. */
export function resolver(document: Json) {
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
    // OpenAPI 3.1 applies the keywords beside a `$ref` too (Persona's file puts
    // `required` there): the nearer ones win, and `required` lists are joined.
    const siblings: Json[] = [];
    while (isObject(node) && typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      const { $ref, ...rest } = node;
      if (Object.keys(rest).length > 0) siblings.unshift(rest);
      node = at($ref);
    }
    const target = isObject(node) ? node : {};
    return siblings.reduce<Json>((merged, rest) => withSiblings(merged, rest), target);
  };
}

/** A schema with the keywords written beside the `$ref` that led to it. */
function withSiblings(target: Json, siblings: Json): Json {
  const merged: Json = { ...target, ...siblings };
  if (Array.isArray(target.required) && Array.isArray(siblings.required)) {
    merged.required = [...new Set([...target.required, ...siblings.required])];
  }
  return merged;
}

export type Resolve = ReturnType<typeof resolver>;

/**
 * An object schema's properties (every schema given for each name) and required
 * names, allOf merged in; with `branches`, the members of oneOf/anyOf too.
 */
export function shape(
  schema: unknown,
  resolve: Resolve,
  branches: boolean,
  depth = 0,
): { properties: Map<string, unknown[]>; required: Set<string> } {
  const node = resolve(schema);
  const properties = new Map<string, unknown[]>();
  const required = new Set<string>();
  if (depth > 8) return { properties, required };
  const add = (name: string, child: unknown) => {
    properties.set(name, [...(properties.get(name) ?? []), child]);
  };
  for (const [name, child] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    add(name, child);
  }
  if (Array.isArray(node.required)) for (const name of node.required) required.add(String(name));
  const allOf = Array.isArray(node.allOf) ? node.allOf : [];
  const parts = [
    ...allOf,
    ...(branches && Array.isArray(node.oneOf) ? node.oneOf : []),
    ...(branches && Array.isArray(node.anyOf) ? node.anyOf : []),
  ];
  for (const part of parts) {
    const inner = shape(part, resolve, branches, depth + 1);
    for (const [name, children] of inner.properties) for (const child of children) add(name, child);
    // Only allOf parts make a member required in every case.
    if (allOf.includes(part)) for (const name of inner.required) required.add(name);
  }
  return { properties, required };
}
