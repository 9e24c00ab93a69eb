import { createPersonaMock } from '@persona-kit/mock';
import { describe, expect, it } from 'vitest';
import { handlersFetch } from '../msw.js';
import { runSuite } from './runner.js';
import type { Scenario } from './types.js';

const options = () => ({
  baseUrl: 'http://mock.test/api/v1',
  apiKey: `key-${Math.random()}`,
  fetch: handlersFetch(createPersonaMock().handlers),
  discover: false,
});

const listTypes: Scenario['steps'][number] = {
  name: 'list account types',
  async run(ctx) {
    const listed = await ctx.api.call('listAccountTypes', { expect: 200 });
    ctx.state.types = listed.body.data;
  },
};

describe('runSuite', () => {
  it('runs steps in order, sharing state, and records each call', async () => {
    const result = await runSuite({
      ...options(),
      scenarios: [
        {
          name: 'types',
          tags: ['t'],
          steps: [
            listTypes,
            {
              name: 'use what the first step found',
              async run(ctx) {
                ctx.assert.ok(ctx.state.types.length > 0, 'types found');
              },
            },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.counts).toEqual({ passed: 2, failed: 0, skipped: 0, calls: 1 });
    expect(result.coverage.exercisedOperations).toBe(1);
    expect(
      result.coverage.operations.find((o) => o.operationId === 'listAccountTypes'),
    ).toMatchObject({ exercised: [200] });
  });

  it('fails a step on an unexpected status and skips the rest of its scenario', async () => {
    const result = await runSuite({
      ...options(),
      scenarios: [
        {
          name: 'broken',
          tags: ['b'],
          steps: [
            {
              name: 'expects the wrong status',
              run: (ctx) => ctx.api.call('listAccountTypes', { expect: 201 }).then(() => {}),
            },
            listTypes,
          ],
        },
      ],
    });
    expect(result.ok).toBe(false);
    const [failed, skipped] = result.scenarios[0]!.steps;
    expect(failed).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('expected 201, got 200'),
    });
    expect(skipped).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringContaining('after the failed step'),
    });
  });

  it('skips, with the reason, a step whose fixture or earlier state is missing', async () => {
    const result = await runSuite({
      ...options(),
      scenarios: [
        {
          name: 'needs',
          tags: ['n'],
          steps: [
            {
              name: 'needs an inquiry template',
              async run(ctx) {
                ctx.state.template = ctx.need('inquiryTemplateId');
              },
            },
            {
              name: 'reads what the skipped step would have set',
              async run(ctx) {
                ctx.assert.ok(ctx.state.template, 'template');
              },
            },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.scenarios[0]!.steps.map((s) => s.reason)).toEqual([
      expect.stringContaining('needs inquiryTemplateId'),
      'needs "template" from an earlier step, which did not run',
    ]);
  });

  it('in schema-only mode skips stateful steps and only checks status classes', async () => {
    const result = await runSuite({
      ...options(),
      mode: 'schema-only',
      scenarios: [
        {
          name: 'schema',
          tags: ['s'],
          steps: [
            {
              ...listTypes,
              name: 'any 2xx will do',
              run: (ctx) => ctx.api.call('listAccountTypes', { expect: 204 }).then(() => {}),
            },
            { name: 'stateful', stateful: 'needs state', run: async () => {} },
            {
              name: 'assertions are silent',
              async run(ctx) {
                ctx.assert.equal(1, 2, 'never checked');
              },
            },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.scenarios[0]!.steps.map((s) => s.outcome)).toEqual([
      'passed',
      'skipped',
      'passed',
    ]);
    expect(result.scenarios[0]!.steps[1]!.reason).toBe('schema-only: needs state');
  });

  it('reads the mock seed ids through its admin route', async () => {
    const result = await runSuite({ ...options(), discover: true, scenarios: [] });
    const fixtures = result.scenarios[0]!;
    expect(fixtures.name).toBe('fixtures');
    expect(fixtures.steps[0]!.reason).toBeUndefined();
  });

  it('selects scenarios by tag', async () => {
    const result = await runSuite({
      ...options(),
      only: ['x'],
      scenarios: [
        { name: 'x', tags: ['x'], steps: [listTypes] },
        { name: 'y', tags: ['y'], steps: [listTypes] },
      ],
    });
    expect(result.scenarios.map((s) => s.name)).toEqual(['x']);
  });

  it('fails on additive drift only when strict, and always against the mock', async () => {
    // The mock's answers with one attribute more than the spec knows.
    const mockFetch = handlersFetch(createPersonaMock().handlers);
    const extra = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await mockFetch(input, init);
      if (!new URL(response.url).pathname.endsWith('/account-types')) return response;
      const body = await response.json();
      for (const type of body.data) type.attributes['new-attribute'] = true;
      return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
    };
    const run = (more: { strict?: boolean; discover?: boolean }) =>
      runSuite({
        ...options(),
        fetch: extra,
        scenarios: [{ name: 'x', tags: ['x'], steps: [listTypes] }],
        ...more,
      });
    const tolerant = await run({});
    expect(tolerant.violations.map((v) => [v.kind, v.severity])[0]).toEqual([
      'unknown-member',
      'additive',
    ]);
    expect(tolerant.strict).toBe(false);
    expect(tolerant.ok).toBe(true);
    expect((await run({ strict: true })).ok).toBe(false);
    // Discovery finds the mock's admin route: the mock is held to the spec exactly.
    const againstMock = await run({ discover: true });
    expect(againstMock.strict).toBe(true);
    expect(againstMock.ok).toBe(false);
  });
});
