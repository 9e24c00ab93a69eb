/** A template names a workflow value that the run does not have. */
export class MissingValueError extends Error {
  constructor(readonly path: string) {
    super(`has no value for ${path}`);
  }
}

const placeholder = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

function lookup(context: Record<string, unknown>, path: string): unknown {
  return walk(context, path.split('.'));
}

/** A list read by a name that is not an index answers that name of each item: `verifications.status`. */
function walk(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return value;
  const [part, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(value) && !/^\d+$/.test(part)) {
    // An item without it stays in the list as null: "every item passed" must see it.
    return value.map((item) => walk(item, parts) ?? null);
  }
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
  return walk((value as Record<string, unknown>)[part], rest);
}

/**
 * Fills a template from workflow values: `{{trigger.user-id}}` alone answers
 * the value as it is; mixed with literal text (`user-{{trigger.user-id}}`),
 * several values in one, it answers the text.
 */
export function render(template: string, context: Record<string, unknown>): unknown {
  const whole = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/.exec(template);
  if (whole) {
    const value = lookup(context, whole[1] as string);
    if (value === undefined || value === null) throw new MissingValueError(whole[1] as string);
    return value;
  }
  return template.replace(placeholder, (_, path: string) => {
    const value = lookup(context, path);
    if (value === undefined || value === null) throw new MissingValueError(path);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
