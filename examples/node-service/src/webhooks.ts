import type { IncomingMessage, ServerResponse } from 'node:http';
import { expectData, type PersonaClient } from '@persona-kit/client';
import {
  type PersonaWebhookEvent,
  parseWebhook,
  WebhookVerificationError,
} from '@persona-kit/client/webhooks';
import type { UserStore } from './users.js';

export interface WebhookOptions {
  persona: PersonaClient;
  users: UserStore;
  /** The webhook's signing secret, or every live one while a secret is rotated. */
  secrets: readonly string[];
  logError: (message: string) => void;
  /** Told what each event changed; default: nothing. */
  log?: (message: string) => void;
}

const MAX_BODY = 1024 * 1024;

/**
 * `POST /webhooks/persona`: answers 400 when the signature does not hold and
 * 200 as soon as it does. The event is handled after the answer, since Persona
 * retries a delivery that is slow to answer; handling is idempotent, since a
 * delivery may come twice.
 */
export async function receiveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebhookOptions,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      res.writeHead(413, { 'Content-Type': 'text/plain' }).end('body too large');
      return;
    }
    chunks.push(chunk as Buffer);
  }
  let event: PersonaWebhookEvent;
  try {
    event = await parseWebhook(
      { body: Buffer.concat(chunks), headers: req.headers },
      { secrets: options.secrets },
    );
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end(error.reason);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
  reactTo(event, options).then(
    (outcome) => options.log?.(`${event.data.attributes.name} ${event.data.id}: ${outcome}`),
    (error: unknown) =>
      options.logError(
        `webhook ${event.data.id} (${event.data.attributes.name}) failed: ${(error as Error).stack ?? error}`,
      ),
  );
}

/** What an event means for the service's users; answers what it did. */
export async function reactTo(
  event: PersonaWebhookEvent,
  options: WebhookOptions,
): Promise<string> {
  const { users } = options;
  const attributes = event.data.attributes;
  switch (attributes.name) {
    case 'inquiry.approved': {
      // The inquiry's reference id is the user's id (signup set it).
      const userId = attributes.payload.data.attributes['reference-id'];
      if (!userId) return 'an inquiry without a reference id: not one of ours';
      const at = attributes.payload.data.attributes['decisioned-at'] ?? attributes['created-at'];
      return users.markVerified(userId, at) ? `user ${userId} verified` : `no user ${userId}`;
    }
    case 'case.created': {
      const opened = attributes.payload.data;
      const userIds = await usersOfCase(opened.relationships, options);
      const noted = userIds.filter((userId) => users.noteCase(userId, opened.id));
      return noted.length > 0
        ? `case ${opened.id} open for ${noted.join(', ')}`
        : `case ${opened.id} concerns none of our users`;
    }
    default:
      return 'not handled';
  }
}

type Linkage = { data?: Array<{ id: string }> | null };

/** A case names accounts and inquiries; their reference ids are our user ids. */
async function usersOfCase(
  relationships: { accounts?: Linkage; inquiries?: Linkage },
  { persona }: WebhookOptions,
): Promise<string[]> {
  const found = new Set<string>();
  for (const { id } of relationships.accounts?.data ?? []) {
    const account = await expectData(
      persona.GET('/accounts/{account-id}', { params: { path: { 'account-id': id } } }),
    );
    const referenceId = account.data.attributes['reference-id'];
    if (referenceId) found.add(referenceId);
  }
  if (found.size > 0) return [...found];
  for (const { id } of relationships.inquiries?.data ?? []) {
    const inquiry = await expectData(
      persona.GET('/inquiries/{inquiry-id}', { params: { path: { 'inquiry-id': id } } }),
    );
    const referenceId = inquiry.data.attributes['reference-id'];
    if (referenceId) found.add(referenceId);
  }
  return [...found];
}
