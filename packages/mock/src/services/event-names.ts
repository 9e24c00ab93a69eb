// The names of the events the mock records: only names Persona sends, so an
// app's webhook handler and `/events` filters meet in the mock what they meet
// in production. A change Persona announces with no event records none.

/** Report kinds whose reports Persona announces as `….matched` when they find something. */
export const matchingReportTypes = [
  'report/watchlist',
  'report/politically-exposed-person',
  'report/adverse-media',
] as const;

/**
 * Every event name the mock may record. All are in Persona's published API
 * description except `inquiry.started`, which its current documentation names.
 */
export const eventNames = [
  'account.archived',
  'account.consolidated',
  'account.created',
  'account.redacted',
  'account.tag-added',
  'account.tag-removed',
  'case.assigned',
  'case.created',
  'case.reopened',
  'case.resolved',
  'case.updated',
  'document.created',
  'document.processed',
  'document.submitted',
  'inquiry.approved',
  'inquiry.completed',
  'inquiry.created',
  'inquiry.declined',
  'inquiry.expired',
  'inquiry.failed',
  'inquiry.marked-for-review',
  'inquiry.started',
  'inquiry-session.expired',
  'inquiry-session.started',
  'report/adverse-media.matched',
  'report/adverse-media.ready',
  'report/email-address.ready',
  'report/phone-number.ready',
  'report/politically-exposed-person.matched',
  'report/politically-exposed-person.ready',
  'report/watchlist.matched',
  'report/watchlist.ready',
  'transaction.created',
  'transaction.labeled',
  'transaction.redacted',
  'transaction.status-updated',
  'verification.created',
  'verification.failed',
  'verification.passed',
  'workflow-run.created',
] as const;

export type EventName = (typeof eventNames)[number];

/** Names Persona's current documentation gives that its published API description predates. */
export const namesOutsidePublishedSpec: readonly EventName[] = ['inquiry.started'];
