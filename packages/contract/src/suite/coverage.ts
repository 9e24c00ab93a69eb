// Which operations of the spec a run exercised, and with which statuses.
import { operations } from '@persona-kit/spec';
import type { Call, Coverage, OperationCoverage } from './types.js';

/** Whether an answered status falls under a documented one (`404`, `4XX`, `default`). */
function covers(documented: string, status: number): boolean {
  if (documented === 'default') return false;
  if (/^\dXX$/i.test(documented)) return documented[0] === String(status)[0];
  return documented === String(status);
}

export function computeCoverage(calls: readonly Call[]): Coverage {
  const seen = new Map<string, Set<number>>();
  for (const call of calls) {
    if (call.operationId === null) continue;
    let statuses = seen.get(call.operationId);
    if (!statuses) {
      statuses = new Set();
      seen.set(call.operationId, statuses);
    }
    statuses.add(call.status);
  }
  let exercisedStatuses = 0;
  let totalStatuses = 0;
  const rows: OperationCoverage[] = operations.map((operation) => {
    const exercised = [...(seen.get(operation.operationId) ?? [])].sort((a, b) => a - b);
    const documented = Object.keys(operation.responses);
    const notExercised = documented.filter((d) => !exercised.some((s) => covers(d, s)));
    totalStatuses += documented.length;
    exercisedStatuses += documented.length - notExercised.length;
    return {
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      exercised,
      notExercised,
    };
  });
  return {
    operations: rows,
    exercisedOperations: rows.filter((r) => r.exercised.length > 0).length,
    totalOperations: rows.length,
    exercisedStatuses,
    totalStatuses,
  };
}
