// Cross-package tests use the packages as a user does, by name: a module a test
// needs and no package exports is a sign the package's public surface lacks it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [path] : [];
  });
}

// `from '../../packages/mock/src/x.js'`, `import('../packages/spec/src/index.js')`.
const REACHES_INTO_A_PACKAGE = /(?:from|import)\s*\(?\s*['"](?:\.\.\/)+packages\/[^'"]*\/src\b/;

describe('tests import the packages through their exports', () => {
  it('no file under test/ imports packages/*/src by a relative path', () => {
    const offenders = sources(join(root, 'test'))
      .filter((file) => file !== self)
      .filter((file) => REACHES_INTO_A_PACKAGE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the rule sees such an import', () => {
    expect(REACHES_INTO_A_PACKAGE.test("import { x } from '../../packages/mock/src/a.js';")).toBe(
      true,
    );
    expect(REACHES_INTO_A_PACKAGE.test("await import('../packages/mock/src/node/index.js')")).toBe(
      true,
    );
    expect(REACHES_INTO_A_PACKAGE.test("import { x } from '@persona-kit/mock';")).toBe(false);
  });
});
