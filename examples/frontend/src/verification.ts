import type { Case, Inquiry } from './persona.js';

/** How the page drives a verification: Persona's hosted flow, or the sandbox's simulate actions. */
export type VerifyMode = 'hosted-flow' | 'simulate';

export interface VerificationState {
  /** What the page shows: "Verified", "In progress"… */
  label: string;
  tone: 'none' | 'busy' | 'ok' | 'bad';
  inquiry: Inquiry | null;
  /** No workflow will move it any further: the page stops polling. */
  settled: boolean;
}

const byStatus: Record<string, Omit<VerificationState, 'inquiry'>> = {
  created: { label: 'Not started', tone: 'busy', settled: false },
  pending: { label: 'In progress', tone: 'busy', settled: false },
  completed: { label: 'Completed, awaiting a decision', tone: 'busy', settled: false },
  needs_review: { label: 'In review', tone: 'busy', settled: false },
  approved: { label: 'Verified', tone: 'ok', settled: true },
  declined: { label: 'Declined', tone: 'bad', settled: true },
  failed: { label: 'Failed', tone: 'bad', settled: true },
  expired: { label: 'Expired', tone: 'bad', settled: true },
};

/**
 * The account's verification, as its newest inquiry tells it. A completed
 * inquiry that a case was opened for since is settled too: a reviewer
 * decides it, not a workflow.
 */
export function verificationState(inquiries: Inquiry[], cases: Case[] = []): VerificationState {
  const newest = [...inquiries].sort((a, b) =>
    String(b.attributes['created-at']).localeCompare(String(a.attributes['created-at'])),
  )[0];
  if (!newest) return { label: 'Not verified', tone: 'none', inquiry: null, settled: true };
  const status = String(newest.attributes.status);
  const completedAt = newest.attributes['completed-at'];
  if (
    status === 'completed' &&
    completedAt &&
    cases.some((c) => String(c.attributes['created-at']) >= String(completedAt))
  ) {
    return { label: 'In review: a case was opened', tone: 'busy', inquiry: newest, settled: true };
  }
  const known = byStatus[status] ?? { label: status, tone: 'busy', settled: false };
  return { ...known, inquiry: newest };
}
