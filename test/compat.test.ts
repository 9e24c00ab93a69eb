// Our spec against Persona's published one: every difference is fixed or kept
// with a reason in docs/decisions/upstream-differences.json.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCompat } from '@persona-kit/contract/compat';
import { document } from '@persona-kit/spec';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const upstreamPath = resolve(
  root,
  process.env.PERSONA_UPSTREAM_SPEC ?? '../shared/reference/persona-openapi-2025-01.yaml',
);
const skipReason = existsSync(upstreamPath)
  ? null
  : `Persona's published spec is not at ${upstreamPath} (set PERSONA_UPSTREAM_SPEC)`;
if (skipReason) console.warn(`⚠ upstream compatibility test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)("compatibility with Persona's published spec", () => {
  it('allows every difference, each with its reason, and no stale rule', async () => {
    const result = await runCompat({
      ours: document,
      upstreamPath,
      allowListPath: join(root, 'docs/decisions/upstream-differences.json'),
    });
    expect(result.skipped).toBe(false);
    expect(result.comparison!.compared.length).toBeGreaterThan(40);
    // On failure the report ends with the rules to paste into the allow list.
    const report = result.report.slice(result.report.indexOf('NOT ALLOWED'));
    expect(
      result.notAllowed.map((c) => c.difference.text),
      report,
    ).toEqual([]);
    expect(result.unused).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});
