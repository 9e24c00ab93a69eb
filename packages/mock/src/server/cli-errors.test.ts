// What persona-mock says when it cannot start: the cause and the next step, no help dump.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@persona-kit/source', '--import', 'tsx', cli, ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('persona-mock refusing to start', () => {
  it('names a busy port and what to do about it', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const { code, stderr } = run(['--port', String(port), '--quiet']);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('--port');
      expect(stderr).not.toContain('Usage:');
    } finally {
      busy.close();
    }
  });

  it('names the seed property that does not belong, without the help text', () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(seed, 'account_types:\n  - name: Vendor\n');
    const { code, stderr } = run(['--seed', seed]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--seed ${seed}: seed: unknown property account_types`);
    expect(stderr).toContain('packages/mock/README.md');
    expect(stderr).not.toContain('Usage:');
  });

  it('answers a mistyped flag with the help text', () => {
    const { code, stderr } = run(['--prot', '4010']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});
