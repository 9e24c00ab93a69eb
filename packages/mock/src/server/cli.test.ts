import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const node = [
  process.execPath,
  '--conditions=@persona-kit/source',
  '--import',
  'tsx',
  cli,
] as const;
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-cli-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('persona-mock CLI', () => {
  it('imports a CSV before serving, with progress, into the given key', async () => {
    const file = join(dir, 'accounts.csv');
    const rows = Array.from(
      { length: 40 },
      (_, i) => `row-${i},Name${i},,Last${i},1990-01-0${(i % 9) + 1},,`,
    );
    writeFileSync(
      file,
      [
        'reference_id,name_first,name_middle,name_last,birthdate,social_security_number,tags',
        ...rows,
      ].join('\n'),
    );
    const child = spawn(
      node[0],
      [...node.slice(1), '--port', '0', '--quiet', '--import', file, '--api-key', 'cli-key'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no start: ${stdout} ${stderr}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
    });
    // The import runs before any request is answered.
    const response = await fetch(`${baseUrl}/accounts?filter[reference-id]=row-7`, {
      headers: { Authorization: 'Bearer cli-key' },
    });
    const body = await response.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0].attributes.fields.name.value.first).toEqual({
      type: 'string',
      value: 'Name7',
    });
    expect(stderr).toMatch(/100%|40\/40/);
    const other = await fetch(`${baseUrl}/accounts`, {
      headers: { Authorization: 'Bearer someone-else' },
    });
    expect((await other.json()).data).toEqual([]);
    child.kill('SIGTERM');
  }, 60_000);

  it('refuses bad flags with a clear message and exit code 2', () => {
    for (const [args, message] of [
      [['--port', 'abc'], /--port/],
      [['--import', 'x.csv'], /--api-key/],
      [['--latency', 'soon'], /--latency/],
      [['--error-rate', '2'], /errorRate/],
      [['--nonsense'], /Unknown option/],
    ] as const) {
      const result = spawnSync(node[0], [...node.slice(1), ...args], { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  }, 60_000);
});
