// Type-level checks of webhook events, compiled by the root `tsc -p tsconfig.json` and never run.
// Each @ts-expect-error fails the type check the day its line stops being an error.

import type { components } from './generated/schema.js';
import {
  type PersonaWebhookEvent,
  type PersonaWebhookEventName,
  parseWebhook,
  type WebhookEventOf,
} from './webhooks.js';

type Schemas = components['schemas'];
declare const request: Request;

export async function narrowsOnName() {
  const event = await parseWebhook(request, { secrets: ['new', 'old'] });
  const attributes = event.data.attributes;
  switch (attributes.name) {
    case 'account.created': {
      const account: Schemas['Account'] = attributes.payload.data;
      // @ts-expect-error an account's payload is not an inquiry
      const inquiry: Schemas['Inquiry'] = attributes.payload.data;
      return [account, inquiry];
    }
    case 'inquiry.approved': {
      const inquiry: Schemas['Inquiry'] = attributes.payload.data;
      const status: string = inquiry.attributes.status;
      return status;
    }
    case 'report/watchlist.ready': {
      const report: Schemas['Report'] = attributes.payload.data;
      return report.id;
    }
    case 'verification.passed': {
      const verification: Schemas['Verification'] = attributes.payload.data;
      return verification.type;
    }
    case 'workflow-run.created': {
      const run: Schemas['WorkflowRun'] = attributes.payload.data;
      return run.id;
    }
    // @ts-expect-error not an event name the spec describes
    case 'account.deleted':
      return null;
  }
}

export function eventsByName() {
  const name: PersonaWebhookEventName = 'case.assigned';
  // @ts-expect-error event names are Persona's, in kebab-case
  const wrong: PersonaWebhookEventName = 'case.Assigned';

  const event = {} as WebhookEventOf<'case.assigned'>;
  const kase: Schemas['Case'] = event.data.attributes.payload.data;
  const fixed: 'case.assigned' = event.data.attributes.name;
  const any = {} as PersonaWebhookEvent;
  // @ts-expect-error the union's payload is not one kind of object until the name is known
  const account: Schemas['Account'] = any.data.attributes.payload.data;
  return [name, wrong, kase, fixed, account];
}

// @ts-expect-error WebhookEventOf takes event names only
export type NotAnEvent = WebhookEventOf<'case.deleted'>;
