import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-durability-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI as a real child process on a free port and waits until it listens. */
async function startServer(db: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@persona-kit/source',
      '--import',
      'tsx',
      cli,
      '--port',
      '0',
      '--db',
      db,
      '--quiet',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
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

describe('--db durability', () => {
  it('keeps every answered write through kill -9 in the middle of a write load, round after round', async () => {
    const db = join(dir, 'mock.json');
    const answered = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      const { child, baseUrl } = await startServer(db);
      let stop = false;
      let n = 0;
      // Eight writers create accounts as fast as the server answers.
      const writers = Array.from({ length: 8 }, async (_, w) => {
        while (!stop) {
          const ref = `r${round}-w${w}-${n++}`;
          try {
            const response = await fetch(`${baseUrl}/accounts`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ data: { attributes: { 'reference-id': ref } } }),
            });
            if (response.status === 201) answered.set(ref, (await response.json()).data.id);
          } catch {
            return; // the server is gone
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 150));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await new Promise(
        (resolve) => child.once('exit', resolve).pid === undefined || setTimeout(resolve, 50),
      );
      // The file is whole JSON at every moment: a rename replaces it, never a partial write.
      expect(() => JSON.parse(readFileSync(db, 'utf8'))).not.toThrow();
    }
    expect(answered.size).toBeGreaterThan(20);
    const { child, baseUrl } = await startServer(db);
    const missing: string[] = [];
    for (const [ref, id] of answered) {
      const response = await fetch(`${baseUrl}/accounts/${id}`, { headers });
      if (
        response.status !== 200 ||
        (await response.json()).data.attributes['reference-id'] !== ref
      )
        missing.push(ref);
    }
    child.kill('SIGKILL');
    expect(missing).toEqual([]);
  }, 120_000);
});
