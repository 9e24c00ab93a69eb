import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '../core/default-seed.js';
import { bundleWarmCli } from '../test-support/bundle-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-durability-'));
const children = new Set<ChildProcess>();
let warmCli = '';

beforeAll(async () => {
  warmCli = await bundleWarmCli(dir);
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A CLI process that has loaded its code and waits for its arguments on stdin. */
function spawnWarm(): ChildProcess {
  const child = spawn(process.execPath, [warmCli], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

// The next servers are spawned while the current one runs, so a restart costs no code loading.
const waiting: ChildProcess[] = [];

/** Starts the CLI on `db` on a free port and waits until it listens. */
async function startServer(db: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  while (waiting.length < 3) waiting.push(spawnWarm());
  const child = waiting.shift() as ChildProcess;
  waiting.push(spawnWarm());
  child.stdin!.end(`${JSON.stringify(['--port', '0', '--db', db, '--quiet'])}\n`);
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, baseUrl };
}

const headers = { Authorization: 'Bearer durable', 'Content-Type': 'application/json' };
const ROUNDS = Number(process.env.PERSONA_MOCK_KILL_ROUNDS ?? 50);
const STATUSES = ['suspended', 'active', 'archived', 'active-review'];

/** What a writer was told: the latest answered state, and what an unanswered request may have done. */
interface AccountState {
  ref: string;
  status: string;
  /** A status sent but not answered when the server died: it may or may not have been kept. */
  maybe?: string;
}

interface Listed {
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: unknown }>;
}

/** Every object of a list, page after page. */
async function listAll(baseUrl: string, path: string): Promise<Map<string, Listed>> {
  const all = new Map<string, Listed>();
  const origin = new URL(baseUrl).origin;
  let next: string | null = `${baseUrl}${path}?page[size]=100`;
  while (next) {
    const response = await fetch(next.startsWith('/') ? `${origin}${next}` : next, { headers });
    const page = (await response.json()) as { data: Listed[]; links: { next: string | null } };
    for (const item of page.data) all.set(item.id, item);
    next = page.links.next;
  }
  return all;
}

const random = (n: number) => Math.floor(Math.random() * n);

async function post(baseUrl: string, path: string, body: unknown, form?: FormData) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: form ? { Authorization: headers.Authorization } : headers,
    body: form ?? JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('--db durability', () => {
  it(`keeps every answered write through kill -9 at random moments, ${ROUNDS} rounds of mixed writes`, async () => {
    const db = join(dir, 'mock.json');
    const accounts = new Map<string, AccountState>();
    const cases = new Map<string, string>(); // case id -> account id
    const imported = new Set<string>(); // reference ids
    let checks = 0;

    /** Every answered write is there, and each account is in its latest answered state. */
    const verify = async (baseUrl: string) => {
      const wrong: string[] = [];
      const stored = await listAll(baseUrl, '/accounts');
      const byRef = new Map([...stored.values()].map((a) => [a.attributes['reference-id'], a]));
      for (const [id, expected] of accounts) {
        const found = stored.get(id);
        const status = found?.attributes['account-status'];
        if (found?.attributes['reference-id'] !== expected.ref) wrong.push(`account ${id} missing`);
        else if (status !== expected.status && status !== expected.maybe)
          wrong.push(`account ${id} is ${status}, answered ${expected.status}`);
        else expected.status = status as string;
        delete expected.maybe;
      }
      const storedCases = await listAll(baseUrl, '/cases');
      for (const [id, account] of cases) {
        const linked = storedCases.get(id)?.relationships?.accounts?.data as
          | { id: string }[]
          | undefined;
        if (!linked?.some((l) => l.id === account)) wrong.push(`case ${id} missing or unlinked`);
      }
      for (const ref of imported) if (!byRef.has(ref)) wrong.push(`imported ${ref} missing`);
      checks++;
      return wrong;
    };

    for (let round = 0; round <= ROUNDS; round++) {
      const { child, baseUrl } = await startServer(db);
      expect(await verify(baseUrl), `after round ${round - 1}`).toEqual([]);
      if (round === ROUNDS) {
        child.kill('SIGKILL');
        break;
      }
      let stop = false;
      let n = 0;
      // Four writers, each with its own accounts, so every account's latest answer is well defined.
      const writers = Array.from({ length: 4 }, async (_, w) => {
        const mine: string[] = [];
        while (!stop) {
          const op = mine.length === 0 ? 0 : random(10);
          try {
            if (op < 4) {
              const ref = `r${round}-w${w}-${n++}`;
              const made = await post(baseUrl, '/accounts', {
                data: { attributes: { 'reference-id': ref } },
              });
              if (made.status === 201) {
                accounts.set(made.body.data.id, {
                  ref,
                  status: made.body.data.attributes['account-status'],
                });
                mine.push(made.body.data.id);
              }
            } else if (op < 7) {
              const id = mine[random(mine.length)] as string;
              const state = accounts.get(id)!;
              const status = STATUSES[random(STATUSES.length)] as string;
              state.maybe = status;
              const ran = await post(baseUrl, `/accounts/${id}/run-action`, {
                data: {
                  'account-action-id': seedIds.accountActions.setStatus,
                  parameters: { status },
                },
              });
              if (ran.status === 200) state.status = ran.body.data.attributes['account-status'];
              delete state.maybe;
            } else if (op < 9) {
              const account = mine[random(mine.length)] as string;
              const opened = await post(baseUrl, '/cases', {
                data: { attributes: { 'case-template-id': seedIds.caseTemplates.review } },
                meta: { 'object-ids': [account] },
              });
              if (opened.status === 201) cases.set(opened.body.data.id, account);
            } else {
              const refs = [0, 1, 2].map((i) => `imp${round}-w${w}-${n}-${i}`);
              n++;
              const form = new FormData();
              const csv = ['reference_id,name_first', ...refs.map((r) => `${r},Ada`), ''].join(
                '\n',
              );
              form.append('data[attributes][file]', new Blob([csv], { type: 'text/csv' }), 'a.csv');
              form.append('data[attributes][mode]', 'create');
              const done = await post(baseUrl, '/importer/accounts', undefined, form);
              if (done.status === 201) for (const ref of refs) imported.add(ref);
            }
          } catch {
            return; // the server is gone
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 100 + random(300)));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await new Promise(
        (resolve) => child.once('exit', resolve).pid === undefined || setTimeout(resolve, 50),
      );
      // The snapshot is whole at every moment, a rename replaces it, never a partial write:
      // JSON lines ending in its closing line.
      const snapshot = readFileSync(db, 'utf8');
      expect(snapshot.endsWith('{"commit":0}\n')).toBe(true);
      for (const line of snapshot.trimEnd().split('\n'))
        expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(checks).toBe(ROUNDS + 1);
    expect(accounts.size).toBeGreaterThan(ROUNDS);
    expect(cases.size).toBeGreaterThan(0);
    expect(imported.size).toBeGreaterThan(0);
  }, 180_000);
});
