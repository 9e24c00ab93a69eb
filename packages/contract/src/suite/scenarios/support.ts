// What several scenarios share.
import type { Json, Step, StepContext } from '../types.js';

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
export const FILE_NEEDED =
  'a schema-driven server answers a placeholder string where a real server sends a PDF';

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

/** Creates an inquiry from the fixtures' inquiry template and answers its id. */
export async function newInquiry(
  ctx: StepContext,
  attributes: Record<string, unknown> = {},
): Promise<string> {
  const created = await ctx.api.call('createInquiry', {
    body: {
      data: { attributes: { 'inquiry-template-id': ctx.need('inquiryTemplateId'), ...attributes } },
    },
    expect: 201,
  });
  return created.body.data.id;
}

/**
 * Calls a print operation and checks it answered a PDF: the kit checks the
 * bytes (`%PDF-`), this the type they were sent as.
 */
export async function printsPdf(
  ctx: StepContext,
  operationId: string,
  params: Record<string, string>,
): Promise<void> {
  const answer = await ctx.api.call(operationId, { params, expect: 200 });
  ctx.assert.ok(
    (answer.headers.get('content-type') ?? '').startsWith('application/pdf'),
    `${operationId} answers application/pdf`,
  );
}

/** Runs sandbox simulate actions on an inquiry (they stand in for the person and the reviewer). */
export const simulateActions = (
  ctx: StepContext,
  id: string,
  actions: unknown[],
  expect: number | number[],
) =>
  ctx.api.call('performInquirySimulateActions', {
    params: { 'inquiry-id': id },
    body: { meta: { 'simulate-actions': actions } },
    expect,
  });

/**
 * Creates an inquiry and drives it by simulate actions through its start, a
 * passed government ID verification and completion, then the `more` actions.
 * Answers its id and the simulate answer.
 */
export async function drivenInquiry(
  ctx: StepContext,
  attributes: Record<string, unknown> = {},
  more: unknown[] = [],
) {
  const template = ctx.need('verificationTemplateId');
  const id = await newInquiry(ctx, attributes);
  const driven = await simulateActions(
    ctx,
    id,
    [
      { type: 'start_inquiry' },
      { type: 'create_passed_verification', data: { 'verification-template-id': template } },
      { type: 'complete_inquiry' },
      ...more,
    ],
    200,
  );
  return { id, driven };
}

/** The path parameters that name an account. */
export const account = (id: string) => ({ 'account-id': id });

/** The ids a list operation answers (200) to a query. */
export async function listedIds(
  ctx: StepContext,
  operationId: string,
  query?: Record<string, string | number | undefined>,
): Promise<string[]> {
  const listed = await ctx.api.call(operationId, { query, expect: 200 });
  return ids(listed.body);
}

/** The ids of the accounts holding a reference id (`GET /accounts?filter[reference-id]=`). */
export function accountsWithReference(ctx: StepContext, reference: string): Promise<string[]> {
  return listedIds(ctx, 'listAccounts', { 'filter[reference-id]': reference });
}

/** The objects with tag operations, as their operationIds name them. */
type TaggedKind = 'Account' | 'Inquiry' | 'Report' | 'Case' | 'Transaction';

/**
 * Adds the first tag, sets both in place of all, then removes the first,
 * through the `add{Kind}Tag`, `set{Kind}Tags` and `remove{Kind}Tag` operations
 * every tagged resource has alike. With `addTwice`, the first tag is added a
 * second time and must be there once.
 */
async function addSetRemoveTags(
  ctx: StepContext,
  kind: TaggedKind,
  params: Record<string, string>,
  [first, second]: [string, string],
  addTwice: boolean,
): Promise<void> {
  const call = (operation: string, tags: string | string[]) =>
    ctx.api.call(`${operation}${kind}Tag${Array.isArray(tags) ? 's' : ''}`, {
      params,
      body: { meta: { 'tag-name': tags } },
      expect: 200,
    });
  const tagsOf = (answer: { body: Json }): string[] => answer.body.data.attributes.tags;
  await call('add', first);
  if (addTwice) {
    const tags = tagsOf(await call('add', first));
    ctx.assert.equal(tags.filter((t) => t === first).length, 1, 'a tag added twice is there once');
  }
  const set = tagsOf(await call('set', [first, second]));
  ctx.assert.equal([...set].sort(), [first, second].sort(), 'tags set');
  const left = tagsOf(await call('remove', first));
  ctx.assert.equal(left, [second], `tags after removing ${first}`);
}

/** `an inquiry`, `a case`: a noun with its indefinite article, for step names. */
export const aNoun = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** A step that redacts the object `params` names and checks it says when. */
export function redactStep(
  kind: Exclude<TaggedKind, 'Account'>,
  params: (ctx: StepContext) => Record<string, string>,
): Step {
  return {
    name: `redact ${aNoun(kind.toLowerCase())}`,
    async run(ctx) {
      const redacted = await ctx.api.call(`redact${kind}`, { params: params(ctx), expect: 200 });
      ctx.assert.ok(redacted.body.data.attributes['redacted-at'], 'redacted-at is set');
    },
  };
}

/** A step that adds, sets and removes two tags of the object `params` names. */
export function tagStep(
  kind: TaggedKind,
  params: (ctx: StepContext) => Record<string, string>,
  tags: [string, string],
  { addTwice = false } = {},
): Step {
  return {
    name: `add, set and remove ${kind.toLowerCase()} tags`,
    run: (ctx) => addSetRemoveTags(ctx, kind, params(ctx), tags, addTwice),
  };
}

/** A step that asks for an object that does not exist and expects 404. */
export function notFoundStep(
  name: string,
  operationId: string,
  param: string,
  prefix: string,
): Step {
  return {
    name: `${name} that does not exist is 404`,
    stateful: IDS_NEEDED,
    run: async (ctx) => {
      await ctx.api.call(operationId, { params: { [param]: unknownId(prefix) }, expect: 404 });
    },
  };
}

/**
 * A step that retrieves the object `params` names, then lists its kind by
 * `query` and expects that object alone: `retrieve{Kind}` and `list{Kind}s`.
 */
export function retrieveAndFindStep(
  name: string,
  kind: 'Case' | 'Transaction',
  id: (ctx: StepContext) => string,
  param: string,
  query: (ctx: StepContext) => Record<string, string>,
  listed: string,
): Step {
  return {
    name,
    async run(ctx) {
      const expected = id(ctx);
      const got = await ctx.api.call(`retrieve${kind}`, {
        params: { [param]: expected },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, expected, `${kind.toLowerCase()} id`);
      ctx.assert.equal(await listedIds(ctx, `list${kind}s`, query(ctx)), [expected], listed);
    },
  };
}

/**
 * A step that sends `update{Kind}` these attributes after the object was
 * redacted, and expects 409: redaction is final.
 */
export function redactedRefusesUpdateStep(
  kind: 'Inquiry' | 'Transaction',
  params: (ctx: StepContext) => Record<string, string>,
  attributes: Record<string, unknown>,
  stateful: string,
): Step {
  return {
    name: `a redacted ${kind.toLowerCase()} takes no more changes (409)`,
    stateful,
    async run(ctx) {
      await ctx.api.call(`update${kind}`, {
        params: params(ctx),
        body: { data: { attributes } },
        expect: 409,
      });
    },
  };
}
