import { operations } from '@persona-kit/spec';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../suite/coverage.js';
import type { SuiteResult } from '../suite/types.js';
import { jsonReport, junitReport, prettyReport } from './index.js';

const violation = {
  operationId: 'createAccount',
  method: 'POST',
  path: '/accounts',
  status: 201,
  location: 'body' as const,
  pointer: '/data/attributes/tags',
  message: '/data/attributes/tags must be array, got string "x"',
  expected: 'array',
  received: 'x',
  kind: 'wrong-type' as const,
  severity: 'breaking' as const,
  resource: 'account',
};

const unknownAttribute = (name: string) => ({
  ...violation,
  pointer: `/data/attributes/${name}`,
  message: `/data/attributes/${name} is not allowed`,
  expected: [],
  received: name,
  kind: 'unknown-member' as const,
  severity: 'additive' as const,
});
const additive = [
  unknownAttribute('name-first'),
  unknownAttribute('name-first'),
  unknownAttribute('birthdate'),
];

const result: SuiteResult = {
  mode: 'stateful',
  baseUrl: 'http://127.0.0.1:4010/api/v1',
  runId: 'r1',
  scenarios: [
    {
      name: 'accounts <&>',
      tags: ['accounts'],
      outcome: 'failed',
      durationMs: 3,
      steps: [
        {
          name: 'create',
          outcome: 'failed',
          calls: [],
          violations: [violation, ...additive],
          durationMs: 1,
        },
        {
          name: 'later',
          outcome: 'skipped',
          reason: 'needs "a" from an earlier step, which did not run',
          calls: [],
          violations: [],
          durationMs: 0,
        },
      ],
    },
  ],
  coverage: computeCoverage([
    {
      operationId: 'createAccount',
      method: 'POST',
      url: '/accounts',
      status: 201,
      violations: [violation],
    },
  ]),
  violations: [violation, ...additive],
  strict: false,
  counts: { passed: 0, failed: 1, skipped: 1, calls: 1 },
  ok: false,
  durationMs: 5,
};

describe('reporters', () => {
  it('pretty: steps, violations, skips with reasons, the coverage table', () => {
    const text = prettyReport(result);
    expect(text).toContain('✗ create');
    // Drift is grouped by resource and kind: one line per kind, with a count.
    expect(text).toContain(
      [
        'breaking: 1, additive: 3',
        '  account',
        '      1× wrong-type (breaking): attributes/tags',
        '      3× unknown-member (additive): attributes/name-first, attributes/birthdate',
      ].join('\n'),
    );
    expect(text).toContain('Drift by resource and kind (additive drift is reported only):');
    expect(text).not.toContain('name-first is not allowed');
    expect(text).toContain('accounts <&> › later: needs "a" from an earlier step');
    expect(text).toContain(`Coverage: 1/${operations.length} operations exercised`);
    expect(text).toMatch(/createAccount\s+POST\s+\/accounts\s+201\s+200 400 401/);
    expect(text).toContain(`Never exercised (${operations.length - 1}): listAccounts, `);
    expect(text).toMatch(
      /FAILED: 0 passed, 1 failed, 1 skipped steps; 4 violations \(breaking: 1, additive: 3\) in 1 calls/,
    );
  });

  it('junit: a suite per scenario, escaped, and the coverage as a suite', () => {
    const xml = junitReport(result);
    expect(xml).toContain('<testsuite name="accounts &lt;&amp;&gt;" tests="2" failures="1"');
    expect(xml).toContain('<failure message="spec violations: breaking: 1, additive: 3">');
    expect(xml).toContain('1× wrong-type (breaking): attributes/tags');
    expect(xml).toContain('<skipped message="needs &quot;a&quot; from an earlier step');
    expect(xml).toContain(`<property name="operations" value="1/${operations.length}"/>`);
    expect(xml).toContain(
      'name="listAccounts (GET /accounts)" time="0">\n      <skipped message="never exercised"/>',
    );
  });

  it('json: the result with each violation on one line', () => {
    const parsed = JSON.parse(jsonReport(result));
    expect(parsed.ok).toBe(false);
    expect(parsed.violations[0].text).toBe(
      'POST /accounts 201 /data/attributes/tags: expected array, got string "x"',
    );
    expect(parsed.violations[0].severity).toBe('breaking');
    expect(parsed.drift).toEqual([
      {
        resource: 'account',
        kind: 'wrong-type',
        severity: 'breaking',
        count: 1,
        members: ['attributes/tags'],
      },
      {
        resource: 'account',
        kind: 'unknown-member',
        severity: 'additive',
        count: 3,
        members: ['attributes/name-first', 'attributes/birthdate'],
      },
    ]);
  });
});
