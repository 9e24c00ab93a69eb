// A run as a reviewer reads it in a terminal or a CI log: each scenario and
// step, its drift grouped by resource and kind, what was skipped and why, the coverage.
import { driftLines, tiers } from '../drift.js';
import type { Coverage, StepResult, SuiteResult } from '../suite/types.js';

const MARK = { passed: '✓', failed: '✗', skipped: '–' } as const;

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function stepLines(step: StepResult): string[] {
  const lines = [`  ${MARK[step.outcome]} ${step.name}`];
  if (step.error) lines.push(indent(step.error, 6));
  for (const line of driftLines(step.violations)) lines.push(`      ${line}`);
  if (step.outcome === 'skipped' && step.reason) lines.push(`      skipped: ${step.reason}`);
  return lines;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function coverageLines(coverage: Coverage): string[] {
  const lines = [
    `Coverage: ${coverage.exercisedOperations}/${coverage.totalOperations} operations exercised, ` +
      `${coverage.exercisedStatuses}/${coverage.totalStatuses} documented statuses answered`,
    '',
  ];
  const rows = [['operation', 'method', 'path', 'answered', 'documented, not answered']];
  for (const op of coverage.operations) {
    rows.push([
      op.operationId,
      op.method,
      op.path,
      op.exercised.length > 0 ? op.exercised.join(' ') : 'never',
      op.notExercised.join(' '),
    ]);
  }
  lines.push(...table(rows));
  const never = coverage.operations.filter((op) => op.exercised.length === 0);
  lines.push('');
  lines.push(
    never.length === 0
      ? 'Every operation of the spec was exercised.'
      : `Never exercised (${never.length}): ${never.map((op) => op.operationId).join(', ')}`,
  );
  return lines;
}

/** Skipped steps and why, then the coverage: what a CI log needs besides pass/fail. */
export function summaryLines(result: SuiteResult): string[] {
  const lines: string[] = [];
  const skipped = result.scenarios.flatMap((s) =>
    s.steps.filter((st) => st.outcome === 'skipped').map((st) => ({ scenario: s.name, step: st })),
  );
  if (skipped.length > 0) {
    lines.push(`Skipped (${skipped.length}):`);
    for (const { scenario, step } of skipped) {
      lines.push(`  ${scenario} › ${step.name}: ${step.reason ?? 'no reason given'}`);
    }
    lines.push('');
  }
  const fixtures = result.scenarios.find((s) => s.name === 'fixtures')?.steps[0]?.reason;
  if (fixtures) lines.push(`Fixtures ${fixtures}`, '');
  if (result.violations.length > 0) {
    const tier = result.strict
      ? 'additive drift fails too (strict)'
      : 'additive drift is reported only';
    lines.push(`Drift by resource and kind (${tier}):`, ...driftLines(result.violations), '');
  }
  lines.push(...coverageLines(result.coverage), '');
  const { passed, failed, skipped: skippedCount, calls } = result.counts;
  const seconds = (result.durationMs / 1000).toFixed(1);
  lines.push(
    `${result.ok ? 'PASSED' : 'FAILED'}: ${passed} passed, ${failed} failed, ${skippedCount} skipped steps; ` +
      `${result.violations.length} violations (${tiers(result.violations)}) in ${calls} calls (${seconds} s)`,
  );
  return lines;
}

export function prettyReport(result: SuiteResult): string {
  const lines = [
    `persona-contract: ${result.mode} run against ${result.baseUrl} (run ${result.runId})`,
    '',
  ];
  for (const scenario of result.scenarios) {
    if (scenario.name === 'fixtures') continue;
    lines.push(`${MARK[scenario.outcome]} ${scenario.name}`);
    for (const step of scenario.steps) lines.push(...stepLines(step));
    lines.push('');
  }
  lines.push(...summaryLines(result));
  return `${lines.join('\n')}\n`;
}
