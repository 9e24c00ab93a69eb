// Inquiries that auto-create their account (or join the one holding the
// reference id), their review decisions, expiry and resumption, tags, redaction.
import type { Json, Step, StepContext } from '../types.js';
import { scenario } from './scenario.js';
import {
  accountsWithReference,
  aNoun,
  listedIds,
  RULES_NEEDED,
  redactedRefusesUpdateStep,
  redactStep,
  ref,
  STATE_NEEDED,
  tagStep,
} from './support.js';

const inquiry = (id: string) => ({ 'inquiry-id': id });

function createInquiry(ctx: StepContext, meta: Record<string, unknown>, tags: string[] = []) {
  return ctx.api.call('createInquiry', {
    body: {
      data: { attributes: { 'inquiry-template-id': ctx.need('inquiryTemplateId'), tags } },
      meta,
    },
    expect: 201,
  });
}

/** Approves or declines an inquiry with a comment, and checks its status says so. */
async function decide(
  ctx: StepContext,
  decision: 'approve' | 'decline',
  id: string,
  comment: string,
) {
  const decided = await ctx.api.call(`${decision}Inquiry`, {
    params: inquiry(id),
    body: { meta: { comment } },
    expect: 200,
  });
  ctx.assert.equal(decided.body.data.attributes.status, `${decision}d`, 'status');
}

const accountOf = (body: { data?: { relationships?: { account?: { data?: { id?: string } } } } }) =>
  body.data?.relationships?.account?.data?.id;

/**
 * A step: an inquiry or report made with a new reference id creates the one
 * account of that id, which is kept for the steps after. `make` creates it
 * (keeping what its own steps need) and answers its body.
 */
function autoCreatedAccountStep(
  what: 'inquiry' | 'report',
  label: string,
  make: (ctx: StepContext, reference: string) => Promise<Json>,
): Step {
  return {
    name: `${aNoun(what)} auto-creates the account of its reference id`,
    async run(ctx) {
      const reference = ref(ctx, label);
      const body = await make(ctx, reference);
      ctx.state.account = accountOf(body);
      ctx.assert.ok(ctx.state.account, `the ${what} has an account`);
      const accounts = await accountsWithReference(ctx, reference);
      ctx.assert.equal(accounts, [ctx.state.account], 'accounts with the reference id');
    },
  };
}

export const inquiryLifecycle = scenario('inquiries and their accounts', { tags: ['inquiries'] }, [
  autoCreatedAccountStep('inquiry', 'inquirer', async (ctx, reference) => {
    const created = await createInquiry(ctx, { 'auto-create-account-reference-id': reference }, [
      'contract',
    ]);
    ctx.state.first = created.body.data.id;
    ctx.state.reference = reference;
    ctx.assert.equal(created.body.data.attributes.status, 'created', 'status of a new inquiry');
    return created.body;
  }),
  {
    name: 'a second inquiry with the reference id joins that account',
    async run(ctx) {
      const second = await createInquiry(ctx, {
        'auto-create-account-reference-id': ctx.state.reference,
      });
      ctx.state.second = second.body.data.id;
      ctx.assert.equal(accountOf(second.body), ctx.state.account, 'the account joined');
    },
  },
  {
    name: 'the account type is ignored when the reference id names an account',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const other = ctx.need('otherAccountTypeId');
      const third = await createInquiry(ctx, {
        'auto-create-account-reference-id': ctx.state.reference,
        'auto-create-account-type-id': other,
      });
      ctx.state.third = third.body.data.id;
      ctx.assert.equal(accountOf(third.body), ctx.state.account, 'the account joined');
    },
  },
  {
    name: 'auto-create-account false with a reference id is refused (422)',
    async run(ctx) {
      await ctx.api.call('createInquiry', {
        body: {
          data: { attributes: { 'inquiry-template-id': ctx.need('inquiryTemplateId') } },
          meta: {
            'auto-create-account': false,
            'auto-create-account-reference-id': ctx.state.reference,
          },
        },
        expect: 422,
      });
    },
  },
  {
    name: "list the account's inquiries",
    async run(ctx) {
      const found = await listedIds(ctx, 'listInquiries', {
        'filter[account-id]': ctx.state.account,
        'page[size]': 100,
      });
      ctx.assert.includes(found, ctx.state.first, 'inquiries of the account');
      ctx.assert.includes(found, ctx.state.second, 'inquiries of the account');
    },
  },
  {
    name: 'retrieve and update an inquiry',
    async run(ctx) {
      const got = await ctx.api.call('retrieveInquiry', {
        params: inquiry(ctx.state.first),
        query: { include: 'account' },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, ctx.state.first, 'id');
      const updated = await ctx.api.call('updateInquiry', {
        params: inquiry(ctx.state.first),
        body: { data: { attributes: { note: 'checked by the contract suite' } } },
        expect: 200,
      });
      ctx.assert.equal(updated.body.data.attributes.note, 'checked by the contract suite', 'note');
    },
  },
  tagStep('Inquiry', (ctx) => inquiry(ctx.state.first), ['priority', 'vip']),
  {
    name: 'approve an inquiry',
    async run(ctx) {
      await decide(ctx, 'approve', ctx.state.first, 'documents agree');
    },
  },
  {
    name: 'a decided inquiry cannot be approved or declined again (409)',
    stateful: STATE_NEEDED,
    async run(ctx) {
      for (const operationId of ['approveInquiry', 'declineInquiry']) {
        await ctx.api.call(operationId, { params: inquiry(ctx.state.first), expect: 409 });
      }
    },
  },
  {
    name: 'expire an inquiry, resume it, then decline it',
    async run(ctx) {
      const params = inquiry(ctx.state.second);
      const expired = await ctx.api.call('expireInquiry', { params, expect: 200 });
      ctx.assert.equal(expired.body.data.attributes.status, 'expired', 'status after expiry');
      const resumed = await ctx.api.call('resumeInquiry', { params, expect: 200 });
      ctx.assert.ok(resumed.body.meta?.['session-token'], 'a session token');
      ctx.assert.notEqual(resumed.body.data.attributes.status, 'expired', 'status after resume');
      await decide(ctx, 'decline', ctx.state.second, 'unreadable document');
    },
  },
  {
    name: 'a declined inquiry cannot expire (409)',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await ctx.api.call('expireInquiry', { params: inquiry(ctx.state.second), expect: 409 });
    },
  },
  redactStep('Inquiry', (ctx) => inquiry(ctx.state.first)),
  redactedRefusesUpdateStep(
    'Inquiry',
    (ctx) => inquiry(ctx.state.first),
    { note: 'too late' },
    STATE_NEEDED,
  ),
]);

/** Runs a report of the fixture's template on `query`, for the account of `reference` if given. */
function createReport(
  ctx: StepContext,
  query: Record<string, string>,
  expect: number,
  reference?: string,
) {
  const data = { attributes: { 'report-template-id': ctx.need('reportTemplateId'), query } };
  const meta = { 'auto-create-account-reference-id': reference };
  return ctx.api.call('createReport', { body: reference ? { data, meta } : { data }, expect });
}

export const reportLifecycle = scenario('reports and their accounts', { tags: ['reports'] }, [
  autoCreatedAccountStep('report', 'reported', async (ctx, reference) => {
    const created = await createReport(
      ctx,
      { 'name-first': 'Ingrid', 'name-last': 'Solberg', birthdate: '1988-02-17' },
      201,
      reference,
    );
    ctx.state.report = created.body.data.id;
    return created.body;
  }),
  {
    name: 'a report with the reference id of an existing account joins it',
    async run(ctx) {
      const reference = ref(ctx, 'existing');
      const existing = await ctx.api.call('createAccount', {
        body: { data: { attributes: { 'reference-id': reference } } },
        expect: 201,
      });
      const joined = await createReport(ctx, { term: 'Marta Keller' }, 201, reference);
      ctx.state.joined = joined.body.data.id;
      ctx.assert.equal(accountOf(joined.body), existing.body.data.id, 'the account joined');
    },
  },
  {
    name: 'a name-search report needs a name (422)',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await createReport(ctx, { birthdate: '1988-02-17' }, 422);
    },
  },
  {
    name: "list and retrieve the account's reports",
    async run(ctx) {
      const reports = await listedIds(ctx, 'listReports', {
        'filter[account-id]': ctx.state.account,
      });
      ctx.assert.equal(reports, [ctx.state.report], 'reports of the account');
      const got = await ctx.api.call('retrieveReport', {
        params: { 'report-id': ctx.state.report },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, ctx.state.report, 'id');
    },
  },
  tagStep('Report', (ctx) => ({ 'report-id': ctx.state.report }), ['escalated', 'sanctions']),
  redactStep('Report', (ctx) => ({ 'report-id': ctx.state.joined })),
]);
