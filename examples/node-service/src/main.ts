import type { AddressInfo } from 'node:net';
import { createPersonaClient } from '@persona-kit/client';
import { configFromEnv } from './config.js';
import { createSignupServer } from './server.js';
import { createUserStore } from './users.js';
import { archiveWebhook, type RegisteredWebhook, registerWebhook } from './webhook-registration.js';

const config = configFromEnv();
const persona = createPersonaClient({ apiKey: config.apiKey, baseUrl: config.baseUrl });
let registered: RegisteredWebhook | undefined;
const server = createSignupServer({
  persona,
  rules: config.rules,
  users: createUserStore(),
  webhookSecrets: () => (registered ? [registered.secret] : config.webhookSecrets),
  log: (message) => console.log(message),
});

server.listen(config.port, config.host, async () => {
  const { port } = server.address() as AddressInfo;
  const origin = `http://${config.host}:${port}`;
  console.log(`signup service on ${origin}/signup, Persona at ${config.baseUrl}`);
  console.log(`review list: ${config.rules.reviewCountries.join(', ') || '(empty)'}`);
  if (config.registerWebhook) {
    try {
      registered = await registerWebhook(persona, `${origin}/webhooks/persona`);
      console.log(`webhook ${registered.id} posts Persona's events to ${origin}/webhooks/persona`);
    } catch (error) {
      console.error(`could not register the webhook: ${(error as Error).message}`);
    }
  } else if (config.webhookSecrets.length === 0) {
    console.log('no PERSONA_WEBHOOK_SECRET: webhook deliveries are answered 503');
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (registered) await archiveWebhook(persona, registered.id).catch(() => {});
    server.close(() => process.exit(0));
  });
}
