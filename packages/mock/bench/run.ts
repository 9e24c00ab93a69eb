// Every mock benchmark, one after the other, each printing its own ratios.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const script of ['http.ts', 'scale.ts', 'import.ts', 'targets.ts']) {
  console.log(`\n=== ${script}`);
  const result = spawnSync(
    process.execPath,
    [
      '--conditions=@persona-kit/source',
      '--import',
      'tsx',
      fileURLToPath(new URL(script, import.meta.url)),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exitCode = 1;
}
