// Small assertions for scenario steps. They throw AssertionFailed with a message
// naming what was checked; in schema-only mode they are all no-ops.

export class AssertionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionFailed';
  }
}

export interface Assert {
  ok(condition: unknown, what: string): void;
  equal(actual: unknown, expected: unknown, what: string): void;
  notEqual(actual: unknown, unexpected: unknown, what: string): void;
  includes(list: unknown, item: unknown, what: string): void;
  excludes(list: unknown, item: unknown, what: string): void;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

const strict: Assert = {
  ok(condition, what) {
    if (!condition) throw new AssertionFailed(what);
  },
  equal(actual, expected, what) {
    if (!deepEqual(actual, expected)) {
      throw new AssertionFailed(`${what}: expected ${show(expected)}, got ${show(actual)}`);
    }
  },
  notEqual(actual, unexpected, what) {
    if (deepEqual(actual, unexpected)) {
      throw new AssertionFailed(`${what}: expected anything but ${show(unexpected)}`);
    }
  },
  includes(list, item, what) {
    if (!Array.isArray(list) || !list.some((x) => deepEqual(x, item))) {
      throw new AssertionFailed(`${what}: expected ${show(list)} to include ${show(item)}`);
    }
  },
  excludes(list, item, what) {
    if (Array.isArray(list) && list.some((x) => deepEqual(x, item))) {
      throw new AssertionFailed(`${what}: expected ${show(list)} not to include ${show(item)}`);
    }
  },
};

const silent: Assert = {
  ok() {},
  equal() {},
  notEqual() {},
  includes() {},
  excludes() {},
};

export function createAssert(enabled: boolean): Assert {
  return enabled ? strict : silent;
}
