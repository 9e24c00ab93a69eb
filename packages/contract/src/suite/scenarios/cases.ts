// A case's life: templates and queues, creation with objects and an SLA,
// status, assignment, more objects, tags, update and redaction.
import { scenario } from './scenario.js';
import {
  listedIds,
  RULES_NEEDED,
  redactStep,
  ref,
  retrieveAndFindStep,
  tagStep,
} from './support.js';

const kase = (id: string) => ({ 'case-id': id });

const linked = (
  body: { data?: { relationships?: Record<string, { data?: unknown }> } },
  name: string,
) => {
  const data = body.data?.relationships?.[name]?.data;
  return Array.isArray(data) ? data.map((l: { id: string }) => l.id) : [];
};

export const caseLifecycle = scenario('case lifecycle', { tags: ['cases'] }, [
  {
    name: 'list and retrieve case templates',
    async run(ctx) {
      const templates = await listedIds(ctx, 'listCaseTemplates');
      ctx.assert.ok(templates.length > 0, 'the organization has case templates');
      const template = ctx.need('caseTemplateId');
      const got = await ctx.api.call('retrieveCaseTemplate', {
        params: { 'case-template-id': template },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, template, 'case template id');
    },
  },
  {
    name: 'list case queues',
    async run(ctx) {
      const queues = await listedIds(ctx, 'listCaseQueues');
      if (ctx.fixtures.caseQueueId) {
        ctx.assert.includes(queues, ctx.fixtures.caseQueueId, 'case queues');
      }
    },
  },
  {
    name: 'create a case with objects and an SLA',
    async run(ctx) {
      const created = await ctx.api.call('createAccount', {
        body: { data: { attributes: { 'reference-id': ref(ctx, 'case-subject') } } },
        expect: 201,
      });
      ctx.state.account = created.body.data.id;
      const queue = ctx.fixtures.caseQueueId;
      const opened = await ctx.api.call('createCase', {
        body: {
          data: {
            attributes: {
              'case-template-id': ctx.need('caseTemplateId'),
              'creator-email-address': 'analyst@example.com',
              ...(queue ? { 'case-queue-id': queue } : {}),
              tags: ['contract'],
            },
          },
          meta: { 'object-ids': [ctx.state.account], 'sla-expires-in-seconds': 172800 },
        },
        expect: 201,
      });
      const data = opened.body.data;
      ctx.state.case = data.id;
      ctx.assert.equal(data.attributes.status, 'open', 'status of a new case');
      ctx.assert.includes(
        linked(opened.body, 'accounts'),
        ctx.state.account,
        'accounts of the case',
      );
      ctx.assert.ok(data.attributes['sla-expires-at'], 'sla-expires-at is set');
      if (queue) {
        ctx.assert.equal(data.relationships?.['case-queue']?.data?.id, queue, 'case queue');
      }
    },
  },
  {
    name: 'an SLA beyond 90 days is refused (422)',
    async run(ctx) {
      await ctx.api.call('createCase', {
        body: {
          data: { attributes: { 'case-template-id': ctx.need('caseTemplateId') } },
          meta: { 'sla-expires-in-seconds': 90 * 24 * 3600 + 1 },
        },
        expect: 422,
      });
    },
  },
  retrieveAndFindStep(
    'retrieve the case and list the cases of its account',
    'Case',
    (ctx) => ctx.state.case,
    'case-id',
    (ctx) => ({ 'filter[account-id]': ctx.state.account }),
    'cases of the account',
  ),
  {
    name: 'set the status of a case',
    async run(ctx) {
      const statuses = ctx.fixtures.caseStatuses ?? ['open', 'pending'];
      const status = statuses.find((s) => s !== 'open') ?? 'open';
      const set = await ctx.api.call('setCaseStatus', {
        params: kase(ctx.state.case),
        body: { meta: { status } },
        expect: 200,
      });
      ctx.assert.equal(set.body.data.attributes.status, status, 'status');
    },
  },
  {
    name: "a status the case's template does not have is refused (422)",
    stateful: RULES_NEEDED,
    async run(ctx) {
      await ctx.api.call('setCaseStatus', {
        params: kase(ctx.state.case),
        body: { meta: { status: 'not-a-status-of-this-template' } },
        expect: 422,
      });
    },
  },
  {
    name: 'assign the case',
    async run(ctx) {
      const assigned = await ctx.api.call('assignCase', {
        params: kase(ctx.state.case),
        body: { meta: { 'user-email-address': 'reviewer@example.com' } },
        expect: 200,
      });
      ctx.assert.ok(assigned.body.data.attributes['assigned-at'], 'assigned-at is set');
    },
  },
  {
    name: 'add objects to the case',
    async run(ctx) {
      const other = await ctx.api.call('createAccount', {
        body: { data: { attributes: { 'reference-id': ref(ctx, 'case-related') } } },
        expect: 201,
      });
      const added = await ctx.api.call('addCaseObjects', {
        params: kase(ctx.state.case),
        body: { meta: { 'object-ids': [other.body.data.id] } },
        expect: 200,
      });
      const accounts = linked(added.body, 'accounts');
      ctx.assert.includes(accounts, other.body.data.id, 'accounts after adding one');
      ctx.assert.includes(accounts, ctx.state.account, 'accounts attached before stay');
    },
  },
  tagStep('Case', (ctx) => kase(ctx.state.case), ['chargeback', 'repeat']),
  {
    name: 'update the SLA and the queue of a case',
    async run(ctx) {
      const updated = await ctx.api.call('updateCase', {
        params: kase(ctx.state.case),
        body: {
          data: { attributes: { 'case-queue-id': null } },
          meta: { 'sla-expires-in-seconds': 86400 },
        },
        expect: 200,
      });
      ctx.assert.equal(
        updated.body.data.relationships?.['case-queue']?.data ?? null,
        null,
        'the case left its queue',
      );
      ctx.assert.ok(updated.body.data.attributes['sla-expires-at'], 'sla-expires-at is set');
    },
  },
  redactStep('Case', (ctx) => kase(ctx.state.case)),
]);
