// The client runs in browsers too: nothing it imports may need Node.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier reachable from `entry` through relative imports. */
async function bareImports(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.'))
        await visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else bare.add(specifier);
    }
  };
  await visit(join(here, entry));
  return bare;
}

describe.each(['index.ts', 'webhooks.ts'])('%s', (entry) => {
  it('imports nothing but openapi-fetch, and no Node built-in', async () => {
    const imports = [...(await bareImports(entry))];
    expect(imports.filter((s) => s !== 'openapi-fetch')).toEqual([]);
  });
});
