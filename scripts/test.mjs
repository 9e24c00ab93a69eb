// The whole test command: lint and format, spec lint, type check, build,
// package checks, then every vitest test. Stops at the first failing step, and
// ends with one plain line, `N passed, N failed, N skipped`, for any CI to read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reportDir = mkdtempSync(join(tmpdir(), 'persona-kit-test-'));
const vitestReport = join(reportDir, 'vitest.json');

const steps = [
  ['browser for end-to-end tests', 'bash', ['scripts/ensure-chromium.sh']],
  ['lint and format', 'node', ['scripts/biome-tracked.mjs']],
  [
    'spec lint',
    'redocly',
    ['lint', 'openapi/persona.yaml', 'openapi/control-plane.yaml', '--format=stylish'],
  ],
  ['type check', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
  ['build', 'pnpm', ['run', 'build']],
  ['package checks', 'node', ['scripts/check-packages.mjs']],
  [
    'tests',
    'vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  ],
];

/** Counts from vitest's JSON report; undefined when it wrote none. */
function vitestCounts() {
  try {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    // A file that fails to load has no failed test of its own: it counts as one.
    const brokenFiles = report.testResults.filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length;
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    return undefined;
  }
}

function finish(code, counts) {
  rmSync(reportDir, { recursive: true, force: true });
  // A failing run never reads as all passed.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(code);
}

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
    // A step before the tests counts as one failure; the tests count their own.
    finish(result.status || 1, vitestCounts() ?? { passed: 0, failed: 1, skipped: 0 });
  }
}
console.log('\n✔ every step passed');
finish(0, vitestCounts() ?? { passed: 0, failed: 0, skipped: 0 });
