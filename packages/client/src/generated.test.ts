import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_PLANE_SCHEMA_PATH,
  CONTROL_PLANE_SPEC_PATH,
  renderSchema,
  SCHEMA_PATH,
  SPEC_PATH,
} from '../scripts/render-schema.js';

describe('src/generated/schema.ts', () => {
  it('matches the bundled spec (run `pnpm generate` when this fails)', async () => {
    expect(
      existsSync(SPEC_PATH),
      `${SPEC_PATH} is missing: run \`pnpm generate\` at the repository root`,
    ).toBe(true);
    const fresh = await renderSchema();
    const committed = await readFile(SCHEMA_PATH, 'utf8').catch(() => '');
    // Not toBe: a diff of 3000 lines helps nobody, the fix is the same whatever changed.
    expect(
      committed === fresh,
      'src/generated/schema.ts is stale: run `pnpm generate` at the repository root',
    ).toBe(true);
  });
});

describe('src/generated/control-plane-schema.ts', () => {
  it('matches the bundled control plane (run `pnpm generate` when this fails)', async () => {
    const fresh = await renderSchema(CONTROL_PLANE_SPEC_PATH);
    const committed = await readFile(CONTROL_PLANE_SCHEMA_PATH, 'utf8').catch(() => '');
    expect(
      committed === fresh,
      'src/generated/control-plane-schema.ts is stale: run `pnpm generate` at the repository root',
    ).toBe(true);
  });
});
