import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const committed = join(packageDir, 'src/generated/persona.openapi.json');
const work = mkdtempSync(join(tmpdir(), 'persona-spec-fresh-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(left[at])}, fresh ${JSON.stringify(right[at])}`;
}

describe('src/generated/persona.openapi.json', () => {
  it('is what `pnpm generate` makes of openapi/ now', () => {
    const out = join(work, 'persona.openapi.json');
    const result = spawnSync(
      process.execPath,
      [join(packageDir, 'scripts/generate.mjs'), '--out', out],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status, `bundling openapi/persona.yaml failed:\n${result.stderr}`).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    const current = readFileSync(committed, 'utf8');
    if (fresh !== current) {
      expect.fail(
        `the bundled spec is stale: run \`pnpm generate\` (or \`pnpm --filter @persona-kit/spec generate\`) and commit the result. First difference at ${firstDifference(current, fresh)}`,
      );
    }
    expect(fresh.endsWith('}\n')).toBe(true);
  });
});

describe('src/generated/control-plane.openapi.json', () => {
  it('is what `pnpm generate` makes of openapi/control-plane.yaml now', () => {
    const out = join(work, 'control-plane.openapi.json');
    const result = spawnSync(
      process.execPath,
      [
        join(packageDir, 'scripts/generate.mjs'),
        '--spec',
        join(packageDir, '../../openapi/control-plane.yaml'),
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(result.status, `bundling openapi/control-plane.yaml failed:\n${result.stderr}`).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    const current = readFileSync(
      join(packageDir, 'src/generated/control-plane.openapi.json'),
      'utf8',
    );
    if (fresh !== current) {
      expect.fail(
        `the bundled control plane is stale: run \`pnpm generate\` and commit the result. First difference at ${firstDifference(current, fresh)}`,
      );
    }
  });
});
