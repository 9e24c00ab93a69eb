// What several scenarios share.
import type { StepContext } from '../types.js';

/** A reference id unique to this run: `contract-<run>-<label>`. */
export function ref(ctx: StepContext, label: string): string {
  return `contract-${ctx.runId}-${label}`;
}

/** An id of the right shape that names nothing: `act_` + 24 zeros. */
export function unknownId(prefix: string): string {
  return `${prefix}_${'0'.repeat(24)}`;
}

/** The ids of a list answer's objects. */
export function ids(body: { data?: Array<{ id: string }> } | undefined): string[] {
  return Array.isArray(body?.data) ? body.data.map((item) => item.id) : [];
}

export const STATE_NEEDED = 'a stateless server does not remember what earlier requests created';
export const RULES_NEEDED =
  "the check depends on the server's business rules, which a schema-driven server does not apply";
export const IDS_NEEDED = 'a stateless server does not know which ids exist';
