// What several scenarios share.
import type { Json, StepContext } from '../types.js';

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

type Typed = { type?: string; value?: unknown } | null | undefined;

/**
 * The plain value of an account's typed field, or of one part of a hash field:
 * `fieldValue(attributes, 'name', 'first')`. Persona answers an account's
 * personal data there, whatever top-level attributes the request used.
 */
export function fieldValue(
  attributes: { fields?: Record<string, Typed> } | undefined,
  key: string,
  part?: string,
): unknown {
  let node: Typed = attributes?.fields?.[key];
  if (part !== undefined) node = (node?.value as Record<string, Typed> | undefined)?.[part];
  return node?.value;
}

export const MOCK_STATE_ONLY =
  "persona-kit mock's own state (GET /__mock/objects/{id}): Persona's API does not answer it";

/**
 * What persona-kit's mock keeps about an account, importer or workflow run
 * beyond Persona's resource (its control plane); on other servers the step
 * is skipped with the reason.
 */
export async function mockState(ctx: StepContext, id: string): Promise<Json> {
  if (!ctx.fixtures.personaKitMock) ctx.skip(`needs personaKitMock: ${MOCK_STATE_ONLY}`);
  const answer = await ctx.mockAdmin('GET', `objects/${encodeURIComponent(id)}`);
  if (answer?.id !== id) throw new Error(`GET /__mock/objects/${id} answered ${answer?.id}`);
  return answer.state;
}
