// Schema-only mode against `prism mock` of our bundled spec: a stateless server
// that answers the spec's examples. No state is asserted; every answer must
// validate, and the steps that need state are skipped with their reasons.
import type { ChildProcess } from 'node:child_process';
import { runSuite } from '@persona-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failures, neverExercised, prismAvailable, startPrism, stop } from './support.js';

const skipReason = prismAvailable();
if (skipReason) console.warn(`⚠ Prism contract test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('contract suite, schema-only, against prism mock', () => {
  let prism: { baseUrl: string; child: ChildProcess; log: () => string } | undefined;

  beforeAll(async () => {
    prism = await startPrism();
  }, 90_000);

  afterAll(async () => {
    if (prism) await stop(prism.child);
  });

  it('finds every answer valid and skips only what needs state, saying why', async () => {
    const result = await runSuite({
      baseUrl: prism!.baseUrl,
      apiKey: 'contract-prism',
      mode: 'schema-only',
    });
    expect(failures(result)).toBe('');
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
    expect(neverExercised(result)).toEqual([]);
    const skipped = result.scenarios.flatMap((s) => s.steps).filter((s) => s.outcome === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const step of skipped) expect(step.reason).toMatch(/^schema-only: /);
  });
});
