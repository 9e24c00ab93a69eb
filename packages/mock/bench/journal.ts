/**
 * The journaled `--db` against the mock in memory, in one run: creates per
 * second and p99 at 100 accounts and at many (100,000 by default), the time
 * from spawn to first answer when start-up replays a journal of that many
 * changes, the time a snapshot takes and the longest answer while it is
 * written, and resident memory. Ratios are against the in-memory figures of
 * the same run.
 *
 * Run: npx tsx --conditions=@persona-kit/source packages/mock/bench/journal.ts
 * (BENCH_ACCOUNTS=5000 BENCH_SECONDS=2 for a short run)
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fileStorage, startMockServer } from '../src/node/index.js';
import { type Started, startProcess } from './processes.js';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const duration = Number(process.env.BENCH_SECONDS ?? 6);
const key = 'bench-key';
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-bench-journal-'));
const createBody = JSON.stringify({
  data: { attributes: { 'name-first': 'Bench', tags: ['load'] } },
});

const startCli = (...args: string[]) =>
  startProcess(process.execPath, [
    '--conditions=@persona-kit/source',
    '--import',
    'tsx',
    cli,
    '--port',
    '0',
    '--quiet',
    ...args,
  ]);

function csvFile(rows: number): string {
  const lines = ['reference_id,name_first,name_last,birthdate,tags'];
  for (let i = 0; i < rows; i++)
    lines.push(`cust-${i},Ada${i},Lovelace,1990-01-0${(i % 9) + 1},bench`);
  const file = join(dir, `accounts-${rows}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface Figures {
  rps: number;
  p99: number;
  errors: number;
}

async function creates(baseUrl: string): Promise<Figures> {
  // A second of warm-up first, so compilation does not count against either side.
  await autocannon({
    url: `${baseUrl}/accounts`,
    method: 'POST',
    connections: 50,
    duration: 1,
    headers,
    body: createBody,
  });
  const result = await autocannon({
    url: `${baseUrl}/accounts`,
    method: 'POST',
    connections: 50,
    duration,
    headers,
    body: createBody,
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
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

function journalBytes(db: string): number {
  const prefix = `${basename(db)}.journal.`;
  return readdirSync(dirname(db))
    .filter((name) => name.startsWith(prefix))
    .reduce((sum, name) => sum + statSync(join(dirname(db), name)).size, 0);
}

async function until(check: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A db file of `rows` imported accounts, its journal not yet folded into a snapshot. */
async function importedDb(name: string, rows: number): Promise<{ db: string; importMs: number }> {
  const db = join(dir, name);
  const started = performance.now();
  const server = await startCli('--db', db, '--import', csvFile(rows), '--api-key', key);
  const importMs = performance.now() - started;
  // Killed at once: the import is journaled (it was answered), the snapshot not yet rewritten.
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.once('exit', resolve));
  return { db, importMs };
}

async function timeToFirstAnswer(db: string): Promise<{ server: Started; ms: number }> {
  const started = performance.now();
  const server = await startCli('--db', db);
  const response = await fetch(`${server.baseUrl}/accounts?page[size]=1`, { headers });
  await response.arrayBuffer();
  return { server, ms: performance.now() - started };
}

/** A snapshot written in this process while one client reads: how long it takes, and the longest answer meanwhile. */
async function compactionStall(db: string): Promise<{ ms: number; stallMs: number; mb: number }> {
  let report: { ms: number; bytes: number } | undefined;
  const storage = fileStorage(db, {
    compactMinBytes: Number.POSITIVE_INFINITY,
    onCompaction: (r) => {
      if ('ms' in r) report = r;
    },
  });
  const server = await startMockServer({ port: 0, storage });
  await server.mock.ready;
  const url = `${server.baseUrl}/accounts?page[size]=1`;
  await fetch(url, { headers }).then((r) => r.arrayBuffer());
  let stallMs = 0;
  const compaction = storage.compact();
  let done = false;
  compaction.finally(() => {
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

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
const line = (name: string, f: Figures, memory: Figures, rss: number, memoryRss: number) =>
  console.log(
    `${name.padEnd(28)} ${f.rps.toFixed(0).padStart(7)} creates/s (${ratio(f.rps, memory.rps)})  p99 ${String(f.p99).padStart(4)} ms (${ratio(f.p99, memory.p99)})  rss ${rss.toFixed(0)} MB (${ratio(rss, memoryRss)})  errors ${f.errors}`,
  );

try {
  console.log(`journaled --db, ${accounts} accounts, ${duration} s per load, 50 connections`);
  const memoryServer = await startCli();
  const memory = await creates(memoryServer.baseUrl);
  const memoryRss = rssMb(memoryServer.child.pid);
  await memoryServer.stop();
  line('in memory', memory, memory, memoryRss, memoryRss);

  for (const rows of [100, accounts]) {
    const { db, importMs } = await importedDb(`db-${rows}.json`, rows);
    const before = generationOf(db);
    const { server, ms } = await timeToFirstAnswer(db);
    // A journal past the threshold is folded into a snapshot after start-up: let it finish first.
    if (journalBytes(db) > 4 * 1024 * 1024) await until(() => generationOf(db) > before);
    const figures = await creates(server.baseUrl);
    const rss = rssMb(server.child.pid);
    await server.stop();
    line(`--db, ${rows} accounts`, figures, memory, rss, memoryRss);
    console.log(
      `${''.padEnd(28)} import ${importMs.toFixed(0)} ms; spawn to first answer, replaying ${rows} journaled accounts: ${ms.toFixed(0)} ms`,
    );
    if (rows === accounts) {
      const compaction = await compactionStall(db);
      console.log(
        `${''.padEnd(28)} snapshot of ${compaction.mb.toFixed(1)} MB in ${compaction.ms.toFixed(0)} ms; longest answer meanwhile ${compaction.stallMs.toFixed(1)} ms`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
