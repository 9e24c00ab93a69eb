import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { ApiError } from '../core/errors.js';
import type { MockCore } from '../core/mock-core.js';
import { linkedId, type Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { getInquiry } from '../services/inquiries/inquiries.js';
import { expireDueSessions, startSession } from '../services/inquiries/inquiry-sessions.js';
import { simulateInquiry } from '../services/inquiries/simulate.js';
import { sameBytes } from './admin-access.js';
import {
  donePage,
  type FlowStep,
  flowPage,
  PAGE_HEADERS,
  problemPage,
} from './hosted-flow-page.js';

const html = (body: string, status = 200) => new Response(body, { status, headers: PAGE_HEADERS });

const USED =
  'This one-time link was already opened, or its session has expired. Generate a new link for the inquiry.';

/**
 * The hosted-flow stand-in behind one-time links (`/__mock/flow/<code>`):
 * opening the link uses it up and shows one step per verification of the
 * inquiry's template; submitting drives the inquiry through the same rules
 * as the sandbox's simulate actions, then sends the person to the inquiry's
 * redirect URI, if it has one.
 */
export function hostedFlowHandlers(core: MockCore): HttpHandler[] {
  return [
    http.get('*/__mock/flow/:code', async ({ request, params }) => {
      const found = findLink(core, String(params.code));
      if (!found)
        return html(problemPage('Link not found', 'No inquiry session has this link.'), 404);
      const { org, session } = found;
      if (session.internal?.linkUsed || session.attributes.status === 'expired') {
        return html(problemPage('Link already used', USED), 410);
      }
      const now = core.now(org);
      org.collection('inquiry-sessions').update(session.id, (r) => {
        r.internal = { ...r.internal, linkUsed: true };
      });
      startSession(org, now, session.id, request.headers.get('user-agent'));
      await core.store.commit();
      const inquiry = getInquiry(org, linkedId(session, 'inquiry')!);
      const template = org
        .collection('inquiry-templates')
        .get(linkedId(inquiry, 'inquiry-template') ?? '');
      return html(
        flowPage({
          templateName: (template?.attributes.name as string | undefined) ?? 'Inquiry',
          inquiryId: inquiry.id,
          steps: stepsOf(org, template),
          token: session.internal?.token as string,
        }),
      );
    }),
    http.post('*/__mock/flow/:code', async ({ request, params }) => {
      const found = findLink(core, String(params.code));
      if (!found)
        return html(problemPage('Link not found', 'No inquiry session has this link.'), 404);
      const { org, session } = found;
      const form = await readForm(request);
      if (!form) {
        return html(
          problemPage('Not a form', "Submit the page's form (application/x-www-form-urlencoded)."),
          400,
        );
      }
      const token = form.get('token');
      const expected = session.internal?.token as string;
      const encode = (s: string) => new TextEncoder().encode(s);
      if (typeof token !== 'string' || !sameBytes(encode(token), encode(expected))) {
        return html(
          problemPage('Not this session', 'Open the one-time link first, then submit its page.'),
          403,
        );
      }
      if (session.attributes.status === 'expired')
        return html(problemPage('Session expired', USED), 410);
      const inquiry = getInquiry(org, linkedId(session, 'inquiry')!);
      const template = org
        .collection('inquiry-templates')
        .get(linkedId(inquiry, 'inquiry-template') ?? '');
      try {
        simulateInquiry(
          org,
          core.now(org),
          inquiry.id,
          actionsFor(inquiry, stepsOf(org, template), form),
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return html(problemPage('Not submitted', error.details ?? error.title), error.status);
      }
      // Workflows the completion starts (the default one decides the inquiry) run before the answer.
      core.catchUp(org);
      await core.store.commit();
      const status = inquiry.attributes.status as string;
      const redirect = inquiry.internal?.redirectUri;
      const target = typeof redirect === 'string' ? parseUrl(redirect) : null;
      if (!target) return html(donePage(inquiry.id, status));
      target.searchParams.set('inquiry-id', inquiry.id);
      target.searchParams.set('status', status);
      return new Response(null, { status: 303, headers: { Location: target.toString() } });
    }),
  ];
}

/** The session a link code names, in whichever organization holds it, brought up to its clock. */
function findLink(core: MockCore, code: string): { org: Org; session: ResourceRecord } | null {
  for (const org of core.organizations()) {
    const session = org.collection('inquiry-sessions').first('link', code);
    if (!session) continue;
    core.catchUp(org);
    expireDueSessions(org, core.now(org), linkedId(session, 'inquiry') ?? undefined);
    return { org, session };
  }
  return null;
}

function stepsOf(org: Org, template: ResourceRecord | undefined): FlowStep[] {
  const ids = (template?.internal?.verificationTemplateIds as string[] | undefined) ?? [];
  return ids.map((id) => ({
    id,
    name:
      (org.collection('verification-templates').get(id)?.attributes.name as string | undefined) ??
      id,
  }));
}

/** The simulate actions a submitted form stands for: start, each step's outcome, complete. */
function actionsFor(inquiry: ResourceRecord, steps: FlowStep[], form: FormData): unknown[] {
  const actions: unknown[] = [];
  if (inquiry.attributes.status === 'created') actions.push({ type: 'start_inquiry' });
  for (const step of steps) {
    const outcome = form.get(`step:${step.id}`);
    if (outcome !== 'passed' && outcome !== 'failed') {
      throw new ApiError(422, 'Unprocessable Entity', `Choose Pass or Fail for ${step.name}`);
    }
    actions.push({
      type: `create_${outcome}_verification`,
      data: { 'verification-template-id': step.id },
    });
  }
  actions.push({ type: 'complete_inquiry' });
  return actions;
}

async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (
    !type.startsWith('application/x-www-form-urlencoded') &&
    !type.startsWith('multipart/form-data')
  ) {
    return null;
  }
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
