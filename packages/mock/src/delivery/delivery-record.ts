// A webhook delivery as the control plane shows it and as an organization's
// data keeps it: shared by the delivery engine and the store, apart from both.
import type { ResourceRecord } from '../core/types.js';
import type { AttemptOutcome } from './attempt.js';

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttempt extends AttemptOutcome {
  at: string;
  /** The `Persona-Signature` header the attempt carried; absent when nothing was posted. */
  signature?: string;
}

/** One event on its way to one webhook, as the control plane shows it. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventName: string;
  webhookId: string;
  url: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
}

/** One webhook delivery as kept: what the control plane shows, and what it posts. */
export interface StoredDelivery {
  view: DeliveryView;
  event: ResourceRecord;
  /** Built at the first attempt and posted unchanged on every retry. */
  body?: string;
}
