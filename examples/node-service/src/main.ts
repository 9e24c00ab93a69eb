import type { AddressInfo } from 'node:net';
import { createPersonaClient } from '@persona-kit/client';
import { configFromEnv } from './config.js';
import { createSignupServer } from './server.js';

const config = configFromEnv();
const persona = createPersonaClient({ apiKey: config.apiKey, baseUrl: config.baseUrl });
const server = createSignupServer({ persona, rules: config.rules });

server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(
    `signup service on http://${config.host}:${port}/signup, Persona at ${config.baseUrl}`,
  );
  console.log(`review list: ${config.rules.reviewCountries.join(', ') || '(empty)'}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
