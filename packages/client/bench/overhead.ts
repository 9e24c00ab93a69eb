// What the client costs on top of a bare fetch: one local server, the same request
// made by raw fetch and by createPersonaClient, in interleaved rounds after a warm-up.
// Run: npx tsx packages/client/bench/overhead.ts [--calls 4000] [--rounds 10]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import createClient from 'openapi-fetch';
import type { paths } from '../src/generated/schema.js';
import { createPersonaClient } from '../src/index.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '300' },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const perRound = Math.max(1, Math.floor(calls / rounds));

const ACCOUNT_ID = 'act_68h3lHszBfNOTSPxUYT6LUvR';
const body = JSON.stringify({
  data: {
    type: 'account',
    id: ACCOUNT_ID,
    attributes: {
      'reference-id': 'user-1042',
      'account-type-name': 'User',
      'created-at': '2024-05-02T09:14:05.000Z',
      'updated-at': '2024-05-06T16:40:12.000Z',
      'redacted-at': null,
      tags: ['vip'],
      fields: {
        loyalty_tier: { type: 'string', value: 'gold' },
        name: {
          type: 'hash',
          value: {
            first: { type: 'string', value: 'Lena' },
            last: { type: 'string', value: 'Marsh' },
          },
        },
      },
    },
    relationships: {
      'account-type': { data: { type: 'account-type', id: 'acttp_wfPTWyooKpUJqrKekoeLytOZ' } },
    },
  },
});

const server = createServer((_req, res) => {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Request-Id': 'req_bench',
  });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
const apiKey = 'bench-key';

const headers = { Authorization: `Bearer ${apiKey}`, 'Persona-Version': '2023-01-05' };
const persona = createPersonaClient({ apiKey, baseUrl });
const personaNoRetry = createPersonaClient({ apiKey, baseUrl, retry: false });
// openapi-fetch alone, to tell its cost from the one of this package's fetch wrapper.
const bare = createClient<paths>({ baseUrl, headers });

type Call = () => Promise<unknown>;
const contenders: Record<string, Call> = {
  'raw fetch': async () => {
    const response = await fetch(`${baseUrl}/accounts/${ACCOUNT_ID}`, { headers });
    if (!response.ok) throw new Error(`status ${response.status}`);
    return response.json();
  },
  client: async () => {
    const { data, error } = await persona.GET('/accounts/{account-id}', {
      params: { path: { 'account-id': ACCOUNT_ID } },
    });
    if (error || !data) throw new Error('request failed');
    return data;
  },
  'client, retry: false': async () => {
    const { data } = await personaNoRetry.GET('/accounts/{account-id}', {
      params: { path: { 'account-id': ACCOUNT_ID } },
    });
    return data;
  },
  'openapi-fetch alone': async () => {
    const { data } = await bare.GET('/accounts/{account-id}', {
      params: { path: { 'account-id': ACCOUNT_ID } },
    });
    return data;
  },
};

interface Timing {
  /** Wall-clock µs per call. */
  wall: number;
  /** Process CPU µs per call (client and server together): steadier on a busy machine. */
  cpu: number;
}

async function run(call: Call, n: number): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  const wall = ((performance.now() - start) * 1000) / n;
  const { user, system } = process.cpuUsage(cpuStart);
  return { wall, cpu: (user + system) / n };
}

for (const call of Object.values(contenders)) await run(call, warmup);

const names = Object.keys(contenders);
const timings: Record<string, Timing[]> = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  // Rotate the order so no contender always runs first (or last) in a round.
  const order = names.map((_, i) => names[(i + round) % names.length] as string);
  for (const name of order) timings[name]?.push(await run(contenders[name] as Call, perRound));
}
server.closeAllConnections();
server.close();

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const raw = timings['raw fetch'] ?? [];
// Ratios are taken round by round, so a slow spell on a shared machine hits both sides.
const ratio = (name: string, metric: keyof Timing) =>
  median((timings[name] ?? []).map((t, i) => t[metric] / (raw[i]?.[metric] ?? t[metric])));
const cell = (name: string, metric: keyof Timing) =>
  `${median((timings[name] ?? []).map((t) => t[metric]))
    .toFixed(1)
    .padStart(7)} µs  ×${ratio(name, metric).toFixed(2)}`;

console.log(
  `${perRound * rounds} sequential GET /accounts/{account-id} per contender, ${rounds} interleaved rounds, Node ${process.version}`,
);
console.log(`${''.padEnd(22)} ${'wall per call'.padEnd(18)} cpu per call (client + server)`);
for (const name of names)
  console.log(`${name.padEnd(22)} ${cell(name, 'wall')}   ${cell(name, 'cpu')}`);
console.log(
  `client/raw = ${ratio('client', 'wall').toFixed(2)} (wall), ${ratio('client', 'cpu').toFixed(2)} (cpu); medians of per-round ratios`,
);
