import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotLayoutV1 } from '../node/snapshot.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-db-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--conditions=@persona-kit/source', '--import', 'tsx', cli, '--port', '0', ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );

describe('--db flags', () => {
  it('takes --db-sync always or none, and only with --db', () => {
    const wrong = run('--db', join(dir, 'a.json'), '--db-sync', 'sometimes');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--db-sync must be always or none, got sometimes');
    const alone = run('--db-sync', 'none');
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--db-sync goes with --db');
  });

  it('will not start over a damaged journal, and says which file and byte', () => {
    const db = join(dir, 'damaged.json');
    const snapshot = `{"layout":"${snapshotLayoutV1}","generation":1,"data":{"format":"persona-kit-mock@1","orgs":{}}}`;
    const journal = '{"reset":true}\nnot json\n{"commit":1}\n';
    writeFileSync(db, snapshot);
    writeFileSync(`${db}.journal.1`, journal);
    const refused = run('--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${db}.journal.1 is damaged at byte 15`);
    expect(readFileSync(db, 'utf8')).toBe(snapshot);
    expect(readFileSync(`${db}.journal.1`, 'utf8')).toBe(journal);
  });
});
