// HTTP throughput and latency of the mock against a bare node:http server and
// against `prism mock` on the same spec, 50 connections each, in one run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Started, startProcess } from './processes.js';

const require = createRequire(import.meta.url);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const duration = Number(process.env.BENCH_SECONDS ?? 6);
const connections = 50;
const key = 'bench-key';
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, method: 'GET' | 'POST', body?: string): Promise<Figures> {
  const result = await autocannon({
    url,
    method,
    connections,
    duration,
    headers,
    ...(body ? { body } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function prepareAccount(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/accounts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ data: { attributes: { 'reference-id': 'bench-account' } } }),
  });
  const document = (await response.json()) as { data?: { id: string } };
  return document.data?.id ?? 'act_hpNqyAbEG4HeVjZoBRNCMKkA';
}

const createBody = JSON.stringify({
  data: { attributes: { 'name-first': 'Bench', tags: ['load'] } },
});

async function measure(name: string, server: Started, createToo: boolean) {
  const id = await prepareAccount(server.baseUrl);
  await load(`${server.baseUrl}/accounts/${id}`, 'GET'); // warm-up
  const retrieve = await load(`${server.baseUrl}/accounts/${id}`, 'GET');
  const create = createToo
    ? await load(`${server.baseUrl}/accounts`, 'POST', createBody)
    : undefined;
  return { name, retrieve, create };
}

const tsx = ['--conditions=@persona-kit/source', '--import', 'tsx'];
const spec = fileURLToPath(
  new URL('../../spec/src/generated/persona.openapi.json', import.meta.url),
);
const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');

const rows: Awaited<ReturnType<typeof measure>>[] = [];
const built = here('../dist/cli.js');
const servers: [string, string, string[], boolean][] = [
  ['bare node:http', process.execPath, [...tsx, here('./bare-server.ts')], false],
  [
    'persona-mock',
    process.execPath,
    [...tsx, here('../src/cli.ts'), '--port', '0', '--quiet'],
    true,
  ],
  // What `persona-mock` runs once installed: the compiled CLI, without tsx (after `pnpm build`).
  ...(existsSync(built)
    ? [
        ['persona-mock (built)', process.execPath, [built, '--port', '0', '--quiet'], true] as [
          string,
          string,
          string[],
          boolean,
        ],
      ]
    : []),
  [
    'prism mock',
    process.execPath,
    [prismBin, 'mock', spec, '--host', '127.0.0.1', '--port', '4099', '--errors', 'false'],
    true,
  ],
];
for (const [name, command, args, createToo] of servers) {
  let server: Started | undefined;
  try {
    server = await startProcess(
      command,
      [...args],
      name === 'prism mock' ? /(http:\/\/127\.0\.0\.1:4099)/ : undefined,
    );
    rows.push(await measure(name, server, createToo));
  } catch (error) {
    console.error(`${name}: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await server?.stop();
  }
}

const fmt = (f: Figures | undefined) =>
  f
    ? `${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms${f.errors ? `  (${f.errors} non-2xx)` : ''}`
    : '—';
console.log(`\nHTTP, ${connections} connections, ${duration} s per run`);
for (const row of rows) {
  console.log(`${row.name.padEnd(16)} retrieve ${fmt(row.retrieve)}`);
  if (row.create) console.log(`${''.padEnd(16)} create   ${fmt(row.create)}`);
}
const bare = rows.find((r) => r.name === 'bare node:http');
const mock =
  rows.find((r) => r.name === 'persona-mock (built)') ??
  rows.find((r) => r.name === 'persona-mock');
const prism = rows.find((r) => r.name === 'prism mock');
if (bare && mock) {
  console.log(
    `ratio  mock retrieve / bare server: ${(mock.retrieve.rps / bare.retrieve.rps).toFixed(2)}  (target ≥ 0.50)`,
  );
}
if (prism && mock) {
  console.log(
    `ratio  mock retrieve / prism:       ${(mock.retrieve.rps / prism.retrieve.rps).toFixed(2)}  (target ≥ 5)`,
  );
  if (mock.create && prism.create) {
    console.log(
      `ratio  mock create / prism:         ${(mock.create.rps / prism.create.rps).toFixed(2)}`,
    );
  }
}
