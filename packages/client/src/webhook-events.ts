// The event documents Persona posts to webhooks, typed from the spec's `webhooks`.
import type { webhooks } from './generated/schema.js';

/** Every event name the spec describes a delivery for (`account.created`, `report/watchlist.ready`…). */
export type PersonaWebhookEventName = keyof webhooks & string;

/** The document posted for one event name; its `data.attributes.payload.data` is the right object. */
export type WebhookEventOf<Name extends PersonaWebhookEventName> =
  webhooks[Name]['post']['requestBody']['content']['application/json'];

/**
 * Any webhook delivery the kit describes, discriminated by `data.attributes.name`:
 * compare the name and the payload narrows to the account, inquiry, case… it is about.
 */
export type PersonaWebhookEvent = {
  [Name in PersonaWebhookEventName]: WebhookEventOf<Name>;
}[PersonaWebhookEventName];
