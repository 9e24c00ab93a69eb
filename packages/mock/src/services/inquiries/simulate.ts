import { conflict, invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import type { VerificationKind } from '../verifications/kinds.js';
import { findVerificationTemplate } from '../verifications/templates.js';
import { runVerification } from '../verifications/verifications.js';
import { getInquiry, refuseRedacted } from './inquiries.js';
import {
  applyTransition,
  type InquiryStatus,
  refusal,
  type StatusChange,
  transitions,
} from './status.js';

/** Persona's sandbox actions that move the inquiry, and what each does here. */
const statusActions: Record<string, { change: StatusChange; participle: string }> = {
  start_inquiry: { change: 'start', participle: 'started' },
  complete_inquiry: { change: 'complete', participle: 'completed' },
  fail_inquiry: { change: 'fail', participle: 'failed' },
  expire_inquiry: { change: 'expire', participle: 'expired' },
  mark_for_review_inquiry: { change: 'mark-for-review', participle: 'marked for review' },
  approve_inquiry: { change: 'approve', participle: 'approved' },
  decline_inquiry: { change: 'decline', participle: 'declined' },
};

/** The actions that run a verification, and how it comes out. */
const verificationActions: Record<string, 'passed' | 'failed'> = {
  create_passed_verification: 'passed',
  create_failed_verification: 'failed',
};

export const simulateActionTypes = [
  ...Object.keys(statusActions),
  ...Object.keys(verificationActions),
];

type Step =
  | { change: StatusChange }
  | { outcome: 'passed' | 'failed'; template: ResourceRecord; kind: VerificationKind };

const WHERE = 'meta.simulate-actions';

/**
 * Checks the whole list against the inquiry before anything changes: each
 * action must be known, name a verification template of this organization
 * where it needs one, and be allowed in the status the actions before it
 * lead to. Answers the steps to apply.
 */
function plan(org: Org, inquiry: ResourceRecord, actions: unknown[]): Step[] {
  refuseRedacted(inquiry, 'simulated');
  let status = inquiry.attributes.status as InquiryStatus;
  return actions.map((action, i): Step => {
    const at = `${WHERE}[${i}]`;
    if (action === null || typeof action !== 'object' || Array.isArray(action)) {
      throw invalid(`${at} must be an object with a type`);
    }
    const { type, data } = action as { type?: unknown; data?: unknown };
    const refuse = (what: string, why: string) =>
      conflict(`${at} (${String(type)}): inquiry ${inquiry.id} cannot ${what}: ${why}`);
    const move = typeof type === 'string' ? statusActions[type] : undefined;
    if (move) {
      const why = refusal(status, move.change);
      if (why !== null) throw refuse(`be ${move.participle}`, why);
      status = transitions[move.change].to;
      return { change: move.change };
    }
    const outcome = typeof type === 'string' ? verificationActions[type] : undefined;
    if (!outcome) {
      throw invalid(
        `${at}.type ${JSON.stringify(type)} is not a simulate action; use one of ${simulateActionTypes.join(', ')}`,
      );
    }
    const templateId = (data as Record<string, unknown> | undefined)?.['verification-template-id'];
    if (typeof templateId !== 'string') {
      throw invalid(`${at}.data.verification-template-id is required for ${type}`);
    }
    const found = findVerificationTemplate(org, templateId);
    if (!found) {
      throw invalid(
        `${at}.data.verification-template-id ${templateId} names no verification template of this organization`,
      );
    }
    const why = refusal(status, 'verify');
    if (why !== null) throw refuse('run a verification', why);
    return { outcome, ...found };
  });
}

/**
 * Persona's sandbox drive: applies a list of actions to an inquiry, in
 * order, as if the person went through the flow. All or nothing: the list is
 * checked whole first, so a refused action leaves the inquiry as it was.
 */
export function simulateInquiry(
  org: Org,
  now: string,
  id: string,
  actions: unknown,
): ResourceRecord {
  const inquiry = getInquiry(org, id);
  if (!Array.isArray(actions)) throw invalid(`${WHERE} must be a list of actions`);
  const steps = plan(org, inquiry, actions);
  for (const step of steps) {
    if ('change' in step) applyTransition(org, now, inquiry, step.change);
    else runVerification(org, now, inquiry, step.template, step.kind, step.outcome);
  }
  return inquiry;
}
