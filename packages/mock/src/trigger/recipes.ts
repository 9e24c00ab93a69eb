import type { MockApi } from './mock-api.js';

/** What a recipe reads of the organization's configuration (`GET /__mock/seed`). */
export interface SeedView {
  inquiryTemplates: {
    id: string;
    expiresInSeconds?: number | null;
    verificationTemplateIds?: string[];
  }[];
  reportTemplates: { id: string; reportType: string }[];
  caseTemplates: { id: string }[];
}

export interface RecipeContext {
  api: MockApi;
  seed: SeedView;
  /** Unique to this run, for reference ids. */
  tag: string;
}

/** Makes the objects an event needs and drives them until it fires; answers the event's object id. */
type Recipe = (ctx: RecipeContext) => Promise<string>;

const first = <T>(items: T[], what: string): T => {
  const item = items[0];
  if (item === undefined) throw new Error(`the organization has no ${what}`);
  return item;
};

/** An inquiry of a template whose flow runs a verification, when there is one. */
function inquiryTemplate(seed: SeedView, expiring = false) {
  const usable = seed.inquiryTemplates.filter((t) => !expiring || t.expiresInSeconds !== null);
  return (
    usable.find((t) => (t.verificationTemplateIds ?? []).length > 0) ??
    first(usable, expiring ? 'inquiry template whose inquiries expire' : 'inquiry template')
  );
}

async function newInquiry(ctx: RecipeContext, templateId: string): Promise<string> {
  const created = await ctx.api('POST', '/api/v1/inquiries', {
    data: { attributes: { 'inquiry-template-id': templateId } },
    meta: { 'auto-create-account-reference-id': `trigger-${ctx.tag}` },
  });
  return created.data.id;
}

const simulate = (ctx: RecipeContext, id: string, actions: unknown[]) =>
  ctx.api('POST', `/api/v1/inquiries/${id}/perform-simulate-actions`, {
    meta: { 'simulate-actions': actions },
  });

/** Start, optionally end with the given actions: the inquiry's id. */
function driveInquiry(...actions: string[]): Recipe {
  return async (ctx) => {
    const id = await newInquiry(ctx, inquiryTemplate(ctx.seed).id);
    await simulate(
      ctx,
      id,
      actions.map((type) => ({ type })),
    );
    return id;
  };
}

/** A verification of the inquiry's first template with the given outcome: the verification's id. */
function verification(outcome: 'passed' | 'failed'): Recipe {
  return async (ctx) => {
    const template = inquiryTemplate(ctx.seed);
    const verificationTemplateId = first(
      template.verificationTemplateIds ?? [],
      'inquiry template with a verification',
    );
    const id = await newInquiry(ctx, template.id);
    const driven = await simulate(ctx, id, [
      { type: 'start_inquiry' },
      {
        type: `create_${outcome}_verification`,
        data: { 'verification-template-id': verificationTemplateId },
      },
    ]);
    return driven.data.relationships.verifications.data.at(-1).id;
  };
}

export const recipes: Record<string, Recipe> = {
  'account.created': async (ctx) => {
    const created = await ctx.api('POST', '/api/v1/accounts', {
      data: { attributes: { 'reference-id': `trigger-${ctx.tag}` } },
    });
    return created.data.id;
  },
  'inquiry.created': async (ctx) => newInquiry(ctx, inquiryTemplate(ctx.seed).id),
  'inquiry.completed': driveInquiry('start_inquiry', 'complete_inquiry'),
  'inquiry.approved': driveInquiry('start_inquiry', 'complete_inquiry', 'approve_inquiry'),
  'inquiry.declined': driveInquiry('start_inquiry', 'complete_inquiry', 'decline_inquiry'),
  'inquiry.failed': driveInquiry('start_inquiry', 'fail_inquiry'),
  'inquiry.expired': async (ctx) => {
    const template = inquiryTemplate(ctx.seed, true);
    const id = await newInquiry(ctx, template.id);
    // Past the template's expiry (24 hours when it names none) on the organization's clock.
    const seconds = (template.expiresInSeconds ?? 24 * 60 * 60) + 1;
    await ctx.api('POST', '/__mock/clock', { advance: `${seconds}s` });
    return id;
  },
  'inquiry-session.expired': async (ctx) => {
    const inquiry = await newInquiry(ctx, inquiryTemplate(ctx.seed).id);
    const created = await ctx.api('POST', '/api/v1/inquiry-sessions', {
      data: { attributes: { 'inquiry-id': inquiry } },
    });
    await ctx.api('POST', `/api/v1/inquiry-sessions/${created.data.id}/expire`);
    return created.data.id;
  },
  'verification.passed': verification('passed'),
  'verification.failed': verification('failed'),
  'case.created': async (ctx) => {
    const created = await ctx.api('POST', '/api/v1/cases', {
      data: {
        attributes: { 'case-template-id': first(ctx.seed.caseTemplates, 'case template').id },
      },
    });
    return created.data.id;
  },
  'report/watchlist.ready': async (ctx) => {
    const template = first(
      ctx.seed.reportTemplates.filter((t) => t.reportType === 'report/watchlist'),
      'watchlist report template',
    );
    const created = await ctx.api('POST', '/api/v1/reports', {
      data: { attributes: { 'report-template-id': template.id, query: { term: 'Alex Trigger' } } },
      meta: { 'auto-create-account-reference-id': `trigger-${ctx.tag}` },
    });
    return created.data.id;
  },
};

export const triggerEvents = Object.keys(recipes);
