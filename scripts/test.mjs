// The whole test command: lint and format, spec lint, type check, build,
// package checks, then every vitest test. Stops at the first failing step.
import { spawnSync } from 'node:child_process';

const steps = [
  ['browser for end-to-end tests', 'bash', ['scripts/ensure-chromium.sh']],
  ['lint and format', 'biome', ['ci', '.']],
  ['spec lint', 'redocly', ['lint', 'openapi/persona.yaml', '--format=stylish']],
  ['type check', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['build', 'pnpm', ['run', 'build']],
  ['package checks', 'node', ['scripts/check-packages.mjs']],
  ['tests', 'vitest', ['run']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: false,
    // Redocly: no telemetry, no update check (CI has no network but the registry).
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
console.log('\n✔ every step passed');
