// Prism as an outside witness: the scenario suite runs through `prism proxy` of
// Persona's published spec in front of persona-kit's HTTP mock, and every answer
// Prism finds outside Persona's own description is a mock defect, unless the
// allow list shows (with Persona's own evidence) that the file is what is wrong.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSuite } from '@persona-kit/contract';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupLines, groupViolations, responseViolations } from './prism-log.js';
import { prismAvailable, root, startPrism, stop } from './support.js';

const upstreamSpec = resolve(
  root,
  process.env.PERSONA_UPSTREAM_SPEC ?? '../shared/reference/persona-openapi-2025-01.yaml',
);
const skipReason = !existsSync(upstreamSpec)
  ? `Persona's published spec is not at ${upstreamSpec} (set PERSONA_UPSTREAM_SPEC)`
  : prismAvailable();
if (skipReason) console.warn(`⚠ Prism proxy witness skipped: ${skipReason}`);

interface AllowEntry {
  kind: string;
  evidence: string;
}

function allowList(): AllowEntry[] {
  const file = join(root, 'test/contract/prism-allow-list.json');
  const { allowed } = JSON.parse(readFileSync(file, 'utf8')) as { allowed: AllowEntry[] };
  for (const entry of allowed) {
    if (!entry.kind || !entry.evidence?.trim()) {
      throw new Error(`${file}: every entry needs a kind and its evidence`);
    }
  }
  return allowed;
}

function allows(entry: AllowEntry, kind: string): boolean {
  const pattern = entry.kind.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${pattern}$`).test(kind);
}

describe.skipIf(skipReason !== null)("the mock through prism proxy of Persona's spec", () => {
  let mock: MockServer | undefined;
  let prism: { baseUrl: string; child: ChildProcess; log: () => string } | undefined;

  beforeAll(async () => {
    mock = await startMockServer({ host: '127.0.0.1', port: 0 });
    // `--errors false`: Prism logs what it finds and still forwards every answer.
    prism = await startPrism(['proxy', upstreamSpec, mock.baseUrl, '--errors', 'false']);
  }, 120_000);

  afterAll(async () => {
    if (prism) await stop(prism.child);
    await mock?.close();
  });

  it('answers only what Persona documents', async () => {
    const result = await runSuite({ baseUrl: prism!.baseUrl, apiKey: 'contract-prism-proxy' });
    // Prism logs a little after it answers.
    await new Promise((done) => setTimeout(done, 500));
    const { requests, violations } = responseViolations(prism!.log());
    // The witness saw the run: Prism forwards every call but malformed JSON, which it answers itself.
    expect(requests).toBeGreaterThan(result.counts.calls * 0.8);

    const entries = allowList();
    const groups = groupViolations(violations);
    const open = groups.filter((g) => !entries.some((e) => allows(e, g.kind)));
    const total = open.reduce((n, g) => n + g.count, 0);
    console.info(
      `prism proxy: ${requests} requests, ${violations.length} response violations ` +
        `(${total} not allowed, in ${open.length} kinds)`,
    );
    const unused = entries.filter((e) => !groups.some((g) => allows(e, g.kind)));
    expect(
      unused.map((e) => e.kind),
      'allow-list entries that match nothing',
    ).toEqual([]);
    expect(
      groupLines(open).join('\n'),
      `${total} response violations of Persona's spec, by kind`,
    ).toBe('');
  }, 600_000);
});
