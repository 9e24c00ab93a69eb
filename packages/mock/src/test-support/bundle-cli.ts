import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The mock's CLI from this source tree as one plain JavaScript file (the
 * two-step start of warm-cli.ts): node starts it several times faster than
 * through tsx, which matters to a test that restarts the mock fifty times.
 */
export async function bundleWarmCli(outDir: string): Promise<string> {
  const outfile = join(outDir, 'warm-cli.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./warm-cli.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@persona-kit/source'],
    logLevel: 'error',
    // Bundled CommonJS dependencies call require: give them Node's.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return outfile;
}
