import type { Condition } from '../core/seed-types.js';
import { MissingValueError, render } from './templates.js';

/** The workflow value a condition tests; undefined when the run lacks it. */
export function conditionValue(condition: Condition, context: Record<string, unknown>): unknown {
  try {
    return render(condition.value, context);
  } catch (error) {
    if (!(error instanceof MissingValueError)) throw error;
    return undefined;
  }
}

/** Whether a branch's condition holds for the run's values; a value the run lacks is absent. */
export function conditionHolds(condition: Condition, context: Record<string, unknown>): boolean {
  const value = conditionValue(condition, context);
  const present = value !== undefined && !(Array.isArray(value) && value.length === 0);
  if (condition.exists !== undefined) return present === condition.exists;
  if (condition.equals !== undefined) return same(value, condition.equals);
  if (condition.notEquals !== undefined) return present && !same(value, condition.notEquals);
  if (condition.in !== undefined) return condition.in.some((option) => same(value, option));
  if (condition.every !== undefined) {
    const items = Array.isArray(value) ? value : present ? [value] : [];
    return items.length > 0 && items.every((item) => same(item, condition.every!));
  }
  return false;
}

/** Equality that lets `'3'` from a mixed template equal `3` from the seed. */
function same(value: unknown, wanted: string | number | boolean): boolean {
  if (value === wanted) return true;
  return typeof value !== 'object' && value !== undefined && String(value) === String(wanted);
}
