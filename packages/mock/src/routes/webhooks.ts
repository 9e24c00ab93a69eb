import { listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import {
  createWebhook,
  getWebhook,
  rotateWebhookSecret,
  setWebhookStatus,
  updateWebhook,
  type WebhookInput,
  withSecrets,
} from '../services/webhooks/webhooks.js';
import { attributesOf, metaOf, now, one } from './support.js';

const webhookId = (input: RouteInput) => input.params['webhook-id']!;
const changes = (input: RouteInput) => attributesOf(input) as WebhookInput;

export const webhookRoutes: RouteTable = {
  listWebhooks: (input) => listPage(input, input.org.collection('webhooks')),
  createWebhook: (input) =>
    one(withSecrets(createWebhook(input.org, now(input), changes(input)), now(input)), 201),
  retrieveWebhook: (input) => one(withSecrets(getWebhook(input.org, webhookId(input)), now(input))),
  updateWebhook: (input) => one(updateWebhook(input.org, webhookId(input), changes(input))),
  archiveWebhook: (input) => one(setWebhookStatus(input.org, webhookId(input), 'archived')),
  enableWebhook: (input) => one(setWebhookStatus(input.org, webhookId(input), 'enabled')),
  disableWebhook: (input) => one(setWebhookStatus(input.org, webhookId(input), 'disabled')),
  rotateWebhookSecret: (input) => {
    const overlap = metaOf(input)['expires-in-seconds'] as number | undefined;
    const webhook = rotateWebhookSecret(input.org, now(input), webhookId(input), overlap);
    return one(withSecrets(webhook, now(input)));
  },
};
