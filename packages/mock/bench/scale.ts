// Scale: with 100,000 accounts, a reference-id lookup and one page of the list
// should cost what they cost with 100 (indexes, no scans); resident memory and
// the time to load a --db file of that size are printed too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromFetch } from '../src/http/mock-request.js';
import { createPersonaMock, type PersonaMock } from '../src/index.js';
import { fileStorage } from '../src/node/index.js';
import { createAccount } from '../src/services/accounts/accounts.js';
import { startProcess } from './processes.js';

const BIG = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const SMALL = 100;
const key = 'scale';

async function populated(
  count: number,
  storage?: ReturnType<typeof fileStorage>,
): Promise<PersonaMock> {
  const mock = createPersonaMock(storage ? { storage } : {});
  await mock.ready;
  const org = mock.core.orgFor(key);
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    createAccount(org, now, {
      attributes: { 'reference-id': `user-${i}`, 'name-first': `Name${i}`, tags: ['bulk'] },
    });
  }
  return mock;
}

async function perCall(mock: PersonaMock, path: (i: number) => string, n: number): Promise<number> {
  const run = async (count: number) => {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const request = fromFetch(
        new Request(`http://127.0.0.1/api/v1${path(i)}`, {
          headers: { Authorization: `Bearer ${key}` },
        }),
      );
      const answer = await mock.dispatch(request);
      if (answer?.status !== 200) throw new Error(`${path(i)} answered ${answer?.status}`);
    }
    return ((performance.now() - started) * 1000) / count;
  };
  await run(Math.min(200, n));
  return run(n);
}

async function main() {
  if (process.argv[2] === '--rss') {
    await populated(BIG);
    global.gc?.();
    console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
    return;
  }
  if (process.argv[2] === '--load') {
    const started = performance.now();
    const mock = createPersonaMock({ storage: fileStorage(process.argv[3] as string) });
    await mock.ready;
    const answer = await mock.dispatch(
      fromFetch(
        new Request('http://127.0.0.1/api/v1/accounts?filter[reference-id]=user-7', {
          headers: { Authorization: `Bearer ${key}` },
        }),
      ),
    );
    const ms = performance.now() - started;
    global.gc?.();
    console.log(JSON.stringify({ ms, status: answer?.status, rss: process.memoryUsage().rss }));
    return;
  }

  const small = await populated(SMALL);
  const big = await populated(BIG);
  const rows: [string, number, number][] = [];
  for (const [name, path] of [
    [
      'lookup by reference id',
      (i: number) => `/accounts?filter[reference-id]=user-${(i * 7919) % SMALL}`,
    ],
    ['first page of the list', () => '/accounts?page[size]=10'],
    ['a page deep in the list', (i: number) => `/accounts?page[size]=10&page[after]=ID${i}`],
  ] as const) {
    const idsSmall = [...small.core.orgFor(key).collection('accounts').values()].map((a) => a.id);
    const idsBig = [...big.core.orgFor(key).collection('accounts').values()].map((a) => a.id);
    const at = (ids: string[]) => (i: number) =>
      path(i).replace(`ID${i}`, ids[Math.floor(ids.length / 2) + (i % 10)] as string);
    // Interleaved, best of three: the machine is shared and noisy.
    let s = Number.POSITIVE_INFINITY;
    let b = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      s = Math.min(s, await perCall(small, at(idsSmall), 1000));
      b = Math.min(b, await perCall(big, at(idsBig), 1000));
    }
    rows.push([name, s, b]);
  }

  const here = fileURLToPath(import.meta.url);
  const child = (args: string[]) => {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '--conditions=@persona-kit/source', '--import', 'tsx', here, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, BENCH_ACCOUNTS: String(BIG) },
      },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
  };
  const rss = child(['--rss']).rss as number;

  const dir = mkdtempSync(join(tmpdir(), 'persona-mock-scale-'));
  const file = join(dir, 'db.json');
  const writer = await populated(BIG, fileStorage(file));
  // Closing waits for the snapshot the large journal calls for, so the reader sees settled files.
  await writer.core.store.close();
  const load = child(['--load', file]);
  // The snapshot and any journal beside it.
  const size = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  const built = await servedFromFile(file);
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `\nScale: ${SMALL} vs ${BIG.toLocaleString('en')} accounts in one organization (in-process, µs per request)`,
  );
  for (const [name, s, b] of rows) {
    console.log(
      `${name.padEnd(26)} ${s.toFixed(1).padStart(8)} µs  ${b.toFixed(1).padStart(8)} µs   ratio ${(b / s).toFixed(2)} (target ≈ 1)`,
    );
  }
  console.log(
    `resident memory after creating ${BIG.toLocaleString('en')} accounts: ${(rss / 2 ** 20).toFixed(0)} MB (target ≤ 300 MB)`,
  );
  console.log(
    `resident memory after loading them from --db:   ${(load.rss / 2 ** 20).toFixed(0)} MB (target ≤ 300 MB)`,
  );
  console.log(
    `--db file of ${(size / 2 ** 20).toFixed(1)} MB loads and answers in ${load.ms.toFixed(0)} ms (target < 2000 ms)`,
  );
  if (built) {
    console.log(
      `built persona-mock --db: first answer ${built.ms.toFixed(0)} ms after start, resident memory ${(built.rss / 2 ** 20).toFixed(0)} MB`,
    );
  }
}

/**
 * The compiled CLI (what `persona-mock` runs once installed) started on the
 * file: time from spawn to the first answer, and its resident memory then.
 */
async function servedFromFile(file: string): Promise<{ ms: number; rss: number } | undefined> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) return undefined;
  const started = performance.now();
  const server = await startProcess(process.execPath, [
    cli,
    '--port',
    '0',
    '--quiet',
    '--db',
    file,
  ]);
  try {
    const response = await fetch(`${server.baseUrl}/accounts?filter[reference-id]=user-7`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    const ms = performance.now() - started;
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    return { ms, rss };
  } finally {
    await server.stop();
  }
}

await main();
