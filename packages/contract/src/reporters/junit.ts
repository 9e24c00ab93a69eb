// JUnit XML for CI dashboards: a test suite per scenario, a test case per step,
// and a `coverage` suite with a case per operation (skipped when never exercised).
import { driftLines, tiers } from '../drift.js';
import type { StepResult, SuiteResult } from '../suite/types.js';

function escapeXml(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(suite: string, step: StepResult): string {
  const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(step.name)}" time="${seconds(step.durationMs)}"`;
  if (step.outcome === 'passed') return `${open}/>`;
  if (step.outcome === 'skipped') {
    return `${open}>\n      <skipped message="${escapeXml(step.reason ?? '')}"/>\n    </testcase>`;
  }
  const details = [step.error, ...driftLines(step.violations)].filter(Boolean).join('\n');
  const message = step.error ?? `spec violations: ${tiers(step.violations)}`;
  return `${open}>\n      <failure message="${escapeXml(message.split('\n')[0]!)}">${escapeXml(details)}</failure>\n    </testcase>`;
}

export function junitReport(result: SuiteResult): string {
  const suites: string[] = [];
  for (const scenario of result.scenarios) {
    const failures = scenario.steps.filter((s) => s.outcome === 'failed').length;
    const skipped = scenario.steps.filter((s) => s.outcome === 'skipped').length;
    suites.push(
      `  <testsuite name="${escapeXml(scenario.name)}" tests="${scenario.steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(scenario.durationMs)}">`,
      ...scenario.steps.map((step) => testcase(scenario.name, step)),
      '  </testsuite>',
    );
  }
  const { coverage } = result;
  const never = coverage.operations.filter((o) => o.exercised.length === 0).length;
  suites.push(
    `  <testsuite name="coverage" tests="${coverage.totalOperations}" failures="0" errors="0" skipped="${never}" time="0">`,
    '    <properties>',
    `      <property name="operations" value="${coverage.exercisedOperations}/${coverage.totalOperations}"/>`,
    `      <property name="statuses" value="${coverage.exercisedStatuses}/${coverage.totalStatuses}"/>`,
    '    </properties>',
    ...coverage.operations.map((op) => {
      const name = `${op.operationId} (${op.method} ${op.path})`;
      const open = `    <testcase classname="coverage" name="${escapeXml(name)}" time="0"`;
      if (op.exercised.length === 0) {
        return `${open}>\n      <skipped message="never exercised"/>\n    </testcase>`;
      }
      const out = `answered ${op.exercised.join(' ')}; documented, not answered: ${op.notExercised.join(' ') || 'none'}`;
      return `${open}>\n      <system-out>${escapeXml(out)}</system-out>\n    </testcase>`;
    }),
    '  </testsuite>',
  );
  const all = result.scenarios.flatMap((s) => s.steps);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="persona-contract" tests="${all.length + coverage.totalOperations}" failures="${result.counts.failed}" errors="0" skipped="${result.counts.skipped + never}" time="${seconds(result.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
