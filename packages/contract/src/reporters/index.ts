import { groupDrift } from '../drift.js';
import { formatViolation } from '../format.js';
import type { SuiteResult } from '../suite/types.js';
import { junitReport } from './junit.js';
import { prettyReport } from './pretty.js';

export { junitReport } from './junit.js';
export { coverageLines, prettyReport, summaryLines } from './pretty.js';

export const reporters = ['pretty', 'json', 'junit'] as const;
export type Reporter = (typeof reporters)[number];

/** The whole result as JSON: each violation with its one-line form, and the drift grouped. */
export function jsonReport(result: SuiteResult): string {
  return `${JSON.stringify(
    {
      ...result,
      violations: result.violations.map((v) => ({ ...v, text: formatViolation(v) })),
      drift: groupDrift(result.violations),
    },
    null,
    2,
  )}\n`;
}

export function report(result: SuiteResult, reporter: Reporter): string {
  if (reporter === 'json') return jsonReport(result);
  if (reporter === 'junit') return junitReport(result);
  return prettyReport(result);
}
