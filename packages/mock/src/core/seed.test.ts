import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPersonaMock } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { mockClient } from '../test-support/test-client.js';
import { parseSeed, resolveSeed } from './seed.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const yamlExample = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

describe('seeds', () => {
  it('runs the README example: a custom type, action, workflow and account', async () => {
    const seed = parseSeed(yamlExample);
    const mock = createPersonaMock({ seed });
    const call = mockClient(mock);
    const listed = await call('GET', '/accounts?filter[reference-id]=vendor-eu-1');
    expect(listed.body.data).toHaveLength(1);
    const run = await call('POST', '/workflows/wfl_VendorOnboarding0000000000/trigger', {
      data: { attributes: { region: 'eu', 'vendor-id': 1 } },
    });
    expect(run.body.data.attributes.status).toBe('completed');
    const trace = await mockObjects(mock)(run.body.data.id);
    expect(trace.violations).toEqual([]);
    expect(trace.body.state.steps[0].output['account-id']).toBe(listed.body.data[0].id);
    const acted = await call('POST', `/accounts/${listed.body.data[0].id}/run-action`, {
      data: {
        'account-action-id': 'accac_VendorTier000000000000000',
        parameters: { tier: 'gold' },
      },
    });
    expect(acted.body.data.attributes.tags).toEqual(['tier-gold']);
    expect(acted.violations).toEqual([]);
  });

  it('extends the default seed by id, or replaces it', () => {
    const extended = resolveSeed({
      caseQueues: [{ id: 'cqueue_Extra000000000000000000', name: 'Extra' }],
    });
    expect(extended.caseQueues.map((q) => q.name)).toContain('General review');
    expect(extended.caseQueues.map((q) => q.name)).toContain('Extra');
    const replaced = resolveSeed({
      extends: 'none',
      accountTypes: [{ id: 'acttp_Only00000000000000000000', name: 'Only' }],
    });
    expect(replaced.accountTypes.map((t) => t.name)).toEqual(['Only']);
    expect(replaced.workflows).toEqual([]);
  });

  it('rejects a bad seed with the place of the problem', () => {
    expect(() => parseSeed('plan: gold')).toThrow(/plan/);
    expect(() => parseSeed('accountTypes: [{ id: nope, name: X }]')).toThrow(
      /accountTypes\[0\]\.id/,
    );
    expect(() => parseSeed('{ not yaml: [')).toThrow(/not valid YAML/);
    expect(() => parseSeed('{"plan": 1', 'application/json')).toThrow(/not valid JSON/);
  });
});
