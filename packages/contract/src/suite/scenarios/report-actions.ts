// A continuously monitored report: run again on demand, paused and resumed,
// its matches dismissed, and printed as PDF.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { FILE_NEEDED, notFoundStep, printsPdf, RULES_NEEDED, STATE_NEEDED } from './support.js';

const params = (ctx: StepContext) => ({ 'report-id': ctx.state.monitored as string });

/** A report of the template on a name that matches (the mock's rule: the name says `match`). */
async function newReport(ctx: StepContext, template: string, term: string): Promise<string> {
  const created = await ctx.api.call('createReport', {
    body: { data: { attributes: { 'report-template-id': template, query: { term } } } },
    expect: 201,
  });
  return created.body.data.id;
}

export const reportActions = scenario(
  'continuous monitoring and review of a report',
  { tags: ['reports'] },
  [
    {
      name: 'a monitored watchlist report is scheduled to run again',
      async run(ctx) {
        ctx.state.monitored = await newReport(
          ctx,
          ctx.need('monitoredReportTemplateId'),
          'Match Example Person',
        );
        const got = await ctx.api.call('retrieveReport', { params: params(ctx), expect: 200 });
        ctx.assert.equal(got.body.data.attributes['is-recurring'], true, 'is-recurring');
      },
    },
    {
      name: 'running it again adds a run to its history',
      async run(ctx) {
        const ran = await ctx.api.call('runReport', { params: params(ctx), expect: 200 });
        const history = ran.body.data.attributes['run-history'] ?? [];
        ctx.assert.equal(history.length, 2, 'runs in the history');
        ctx.assert.equal(ran.body.data.attributes['is-continuous'], true, 'is-continuous');
      },
    },
    {
      name: 'pausing stops the schedule and resuming restarts it',
      async run(ctx) {
        const paused = await ctx.api.call('pauseReport', { params: params(ctx), expect: 200 });
        ctx.assert.equal(paused.body.data.attributes['is-recurring'], false, 'paused');
        const resumed = await ctx.api.call('resumeReport', { params: params(ctx), expect: 200 });
        ctx.assert.equal(resumed.body.data.attributes['is-recurring'], true, 'resumed');
      },
    },
    {
      name: 'dismissing its matches leaves it unmatched',
      async run(ctx) {
        const dismissed = await ctx.api.call('dismissReportMatches', {
          params: params(ctx),
          body: { data: { attributes: { reason: 'Another person of the same name' } } },
          expect: 200,
        });
        ctx.assert.equal(dismissed.body.data.attributes['has-match'], false, 'has-match');
        ctx.assert.equal(
          (dismissed.body.data.attributes['ignore-list'] ?? []).length,
          1,
          'entries in the ignore list',
        );
      },
    },
    {
      name: 'a report without monitoring cannot be paused, and has nothing to dismiss when clean',
      stateful: RULES_NEEDED,
      async run(ctx) {
        const plain = await newReport(ctx, ctx.need('reportTemplateId'), 'Clean Example Person');
        await ctx.api.call('pauseReport', { params: { 'report-id': plain }, expect: 422 });
        await ctx.api.call('dismissReportMatches', {
          params: { 'report-id': plain },
          body: { data: { attributes: { reason: 'Nothing there' } } },
          expect: 422,
        });
      },
    },
    {
      name: 'the report prints as PDF',
      stateful: FILE_NEEDED,
      async run(ctx) {
        await printsPdf(ctx, 'printReport', params(ctx));
      },
    },
    {
      name: 'a redacted report takes no more runs',
      stateful: STATE_NEEDED,
      async run(ctx) {
        await ctx.api.call('redactReport', { params: params(ctx), expect: 200 });
        await ctx.api.call('runReport', { params: params(ctx), expect: 409 });
      },
    },
    notFoundStep('a report', 'runReport', 'report-id', 'rep'),
  ],
);
