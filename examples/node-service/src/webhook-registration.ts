import { expectData, type PersonaClient } from '@persona-kit/client';

/** The events the service reacts to (src/webhooks.ts). */
export const WEBHOOK_EVENTS = ['inquiry.approved', 'case.created'] as const;

export interface RegisteredWebhook {
  id: string;
  /** Signs every delivery: what `parseWebhook` checks. */
  secret: string;
}

/**
 * Registers a webhook that posts the service's events to `url`, and enables
 * it (Persona creates webhooks disabled). For a Persona that can reach the
 * service: a local mock, or a public address in front of it.
 */
export async function registerWebhook(
  persona: PersonaClient,
  url: string,
): Promise<RegisteredWebhook> {
  const created = await expectData(
    persona.POST('/webhooks', {
      body: { data: { attributes: { url, 'enabled-events': [...WEBHOOK_EVENTS] } } },
    }),
  );
  const id = created.data.id;
  await expectData(
    persona.POST('/webhooks/{webhook-id}/enable', { params: { path: { 'webhook-id': id } } }),
  );
  const secret = created.data.attributes.secret;
  if (!secret) throw new Error(`webhook ${id} was created without a secret`);
  return { id, secret };
}

/** Stops the deliveries: archived webhooks send nothing. */
export async function archiveWebhook(persona: PersonaClient, id: string): Promise<void> {
  await expectData(
    persona.POST('/webhooks/{webhook-id}/archive', { params: { path: { 'webhook-id': id } } }),
  );
}
