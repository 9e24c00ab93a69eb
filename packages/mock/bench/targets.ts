/**
 * The figures the mock promises, each printed beside its baseline from the
 * same run (the machine may be shared: only ratios compare across runs):
 * - creates per second and p99 with `--db` at 100 and at many (100,000 by
 *   default) accounts, against the same CLI in memory at the same size;
 * - spawn to first answer when start-up replays that many journaled changes;
 * - the time a snapshot takes and the longest answer while it is written;
 * - resident memory;
 * - retrieve and create against a bare node:http server answering the same
 *   document.
 * Every server is the built CLI (`dist/cli.js`): run `pnpm build` first.
 *
 * Run: pnpm bench targets   (BENCH_ACCOUNTS=5000 BENCH_SECONDS=2 for a short run)
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MockCore } from '../src/core/mock-core.js';
import { Store } from '../src/core/store.js';
import { fileStorage } from '../src/node/index.js';
import { createAccount } from '../src/services/accounts/accounts.js';
import { type Started, startProcess } from './processes.js';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const duration = Number(process.env.BENCH_SECONDS ?? 3);
const connections = 50;
const key = 'bench-key';
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const builtNode = fileURLToPath(new URL('../dist/node/index.js', import.meta.url));
const bareServer = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-bench-targets-'));
const createBody = JSON.stringify({
  data: { attributes: { 'name-first': 'Bench', tags: ['load'] } },
});

if (!existsSync(cli)) {
  console.error(`${cli} is missing: run \`pnpm build\` first (the targets are the built CLI's)`);
  process.exit(1);
}

const startCli = (...args: string[]) =>
  startProcess(process.execPath, [cli, '--port', '0', '--quiet', ...args]);

interface Figures {
  rps: number;
  p99: number;
  errors: number;
}

async function load(url: string, method: 'GET' | 'POST', seconds = duration): Promise<Figures> {
  const result = await autocannon({
    url,
    method,
    connections,
    duration: seconds,
    headers,
    ...(method === 'POST' ? { body: createBody } : {}),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** A second of warm-up first, so compilation counts against neither side. */
async function warmLoad(url: string, method: 'GET' | 'POST'): Promise<Figures> {
  await load(url, method, 1);
  return load(url, method);
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The generation a snapshot names: it changes once a compaction is done. */
function generationOf(db: string): number {
  const head = Buffer.alloc(120);
  const fd = openSync(db, 'r');
  readSync(fd, head, 0, 120, 0);
  closeSync(fd);
  return Number(/"generation":(\d+)/.exec(head.toString())?.[1] ?? -1);
}

async function until(check: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A `--db` file whose snapshot holds only the empty layout and whose journal
 * holds `rows` created accounts, a commit per 1,000: written by the store in
 * this process, which is much faster than through HTTP.
 */
async function journaledDb(rows: number): Promise<string> {
  const db = join(dir, `db-${rows}.json`);
  const store = new Store(
    fileStorage(db, { sync: 'none', compactMinBytes: Number.POSITIVE_INFINITY }),
  );
  await store.load();
  const core = new MockCore({ store });
  const org = core.orgFor(key);
  const now = core.now();
  for (let i = 0; i < rows; i++) {
    createAccount(org, now, {
      attributes: { 'reference-id': `cust-${i}`, 'name-first': `Ada${i}`, tags: ['bench'] },
    });
    if (i % 1000 === 999) await store.commit();
  }
  await store.close();
  return db;
}

/** The same accounts as a CSV, for the in-memory CLI's `--import`. */
function csvFile(rows: number): string {
  const lines = ['reference_id,name_first,tags'];
  for (let i = 0; i < rows; i++) lines.push(`cust-${i},Ada${i},bench`);
  const file = join(dir, `accounts-${rows}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function timeToFirstAnswer(...args: string[]): Promise<{ server: Started; ms: number }> {
  const started = performance.now();
  const server = await startCli(...args);
  const response = await fetch(`${server.baseUrl}/accounts?page[size]=1`, { headers });
  await response.arrayBuffer();
  return { server, ms: performance.now() - started };
}

/** A snapshot of `db` written by the built mock while one client keeps asking: its time, and the longest answer meanwhile. */
async function compactionStall(db: string): Promise<{ ms: number; stallMs: number; mb: number }> {
  const built = (await import(builtNode)) as typeof import('../src/node/index.js');
  let report: { ms: number; bytes: number } | undefined;
  const storage = built.fileStorage(db, {
    compactMinBytes: Number.POSITIVE_INFINITY,
    onCompaction: (r) => {
      if ('ms' in r) report = r;
    },
  });
  const server = await built.startMockServer({ port: 0, storage });
  const url = `${server.baseUrl}/accounts?page[size]=1`;
  for (let i = 0; i < 200; i++) await fetch(url, { headers }).then((r) => r.arrayBuffer());
  let stallMs = 0;
  let done = false;
  const compaction = storage.compact().finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    await fetch(url, { headers }).then((r) => r.arrayBuffer());
    stallMs = Math.max(stallMs, performance.now() - started);
  }
  await compaction;
  await server.close();
  return { ms: report?.ms ?? Number.NaN, stallMs, mb: (report?.bytes ?? 0) / 1e6 };
}

/** An id the retrieve benchmarks read: the first account of the list. */
async function someAccount(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/accounts?page[size]=1`, { headers });
  const page = (await response.json()) as { data: { id: string }[] };
  if (!page.data[0]) throw new Error('no account to retrieve');
  return page.data[0].id;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const say = (text: string) => console.log(text);

try {
  say(
    `persona-mock (built) targets: ${accounts.toLocaleString('en')} accounts, ${duration} s per load, ${connections} connections`,
  );
  const sizes = [100, accounts];
  const dbs = new Map<number, string>();
  for (const rows of sizes) dbs.set(rows, await journaledDb(rows));

  // Creates: in memory and with --db, side by side at each size.
  for (const rows of sizes) {
    const memory = await timeToFirstAnswer('--import', csvFile(rows), '--api-key', key);
    const inMemory = await warmLoad(`${memory.server.baseUrl}/accounts`, 'POST');
    const memoryRss = rssMb(memory.server.child.pid);
    await memory.server.stop();

    const db = dbs.get(rows) as string;
    const before = generationOf(db);
    const journaled = await timeToFirstAnswer('--db', db);
    // A journal past the threshold is folded into a snapshot after start-up: let it finish first.
    if (rows >= 10_000) await until(() => generationOf(db) > before);
    const withDb = await warmLoad(`${journaled.server.baseUrl}/accounts`, 'POST');
    const dbRss = rssMb(journaled.server.child.pid);
    await journaled.server.stop();

    say(`\n${rows.toLocaleString('en')} accounts`);
    say(
      `  creates, in memory    ${inMemory.rps.toFixed(0).padStart(6)}/s  p99 ${String(inMemory.p99).padStart(4)} ms  rss ${memoryRss.toFixed(0)} MB  errors ${inMemory.errors}`,
    );
    say(
      `  creates, --db         ${withDb.rps.toFixed(0).padStart(6)}/s  p99 ${String(withDb.p99).padStart(4)} ms  rss ${dbRss.toFixed(0)} MB  errors ${withDb.errors}`,
    );
    say(
      `  --db / in memory      ${ratio(withDb.rps, inMemory.rps)}${rows === accounts ? `  (target ≥ 0.50x: ${verdict(withDb.rps / inMemory.rps >= 0.5)}); p99 target < 50 ms: ${verdict(withDb.p99 < 50)}` : ''}`,
    );
    if (rows === accounts) {
      say(
        `  resident memory with --db ${dbRss.toFixed(0)} MB (in memory ${memoryRss.toFixed(0)} MB; target ≤ 300 MB: ${verdict(dbRss <= 300)})`,
      );
      say(
        `  spawn to first answer: in memory after --import ${memory.ms.toFixed(0)} ms; --db replaying ${rows.toLocaleString('en')} journaled changes ${journaled.ms.toFixed(0)} ms (target < 1500 ms: ${verdict(journaled.ms < 1500)})`,
      );
    }
  }

  // Compaction of the big store, now one snapshot plus a journal of the creates above.
  const compaction = await compactionStall(dbs.get(accounts) as string);
  say(
    `  snapshot of ${compaction.mb.toFixed(1)} MB in ${compaction.ms.toFixed(0)} ms; longest answer meanwhile ${compaction.stallMs.toFixed(1)} ms (target < 50 ms: ${verdict(compaction.stallMs < 50)})`,
  );

  // Against a bare node:http server answering the same document.
  const bare = await startProcess(process.execPath, ['--import', 'tsx', bareServer]);
  const bareRetrieve = await warmLoad(`${bare.baseUrl}/accounts/act_x`, 'GET');
  const bareCreate = await warmLoad(`${bare.baseUrl}/accounts`, 'POST');
  await bare.stop();
  const mock = await startCli();
  const id = await someAccount(mock.baseUrl).catch(async () => {
    const made = await fetch(`${mock.baseUrl}/accounts`, {
      method: 'POST',
      headers,
      body: createBody,
    });
    return ((await made.json()) as { data: { id: string } }).data.id;
  });
  const mockRetrieve = await warmLoad(`${mock.baseUrl}/accounts/${id}`, 'GET');
  const mockCreate = await warmLoad(`${mock.baseUrl}/accounts`, 'POST');
  await mock.stop();
  say('\nagainst a bare node:http server (in memory)');
  say(
    `  retrieve  bare ${bareRetrieve.rps.toFixed(0).padStart(6)}/s  mock ${mockRetrieve.rps.toFixed(0).padStart(6)}/s  p99 ${mockRetrieve.p99} ms  ${ratio(mockRetrieve.rps, bareRetrieve.rps)} (target ≥ 0.50x: ${verdict(mockRetrieve.rps / bareRetrieve.rps >= 0.5)})`,
  );
  say(
    `  create    bare ${bareCreate.rps.toFixed(0).padStart(6)}/s  mock ${mockCreate.rps.toFixed(0).padStart(6)}/s  p99 ${mockCreate.p99} ms  ${ratio(mockCreate.rps, bareCreate.rps)} (target ≥ 0.30x: ${verdict(mockCreate.rps / bareCreate.rps >= 0.3)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
