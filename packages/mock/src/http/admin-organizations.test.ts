import { describe, expect, it } from 'vitest';
import { createPersonaMock } from '../index.js';
import { controlPlaneGet } from '../test-support/mock-objects.js';
import { mockClient } from '../test-support/test-client.js';

describe('GET /__mock/organizations', () => {
  it('lists every organization by its masked key, marking the caller’s own', async () => {
    const mock = createPersonaMock();
    await mockClient(mock, 'key-first-1111')('POST', '/accounts', { data: { attributes: {} } });
    await mockClient(mock, 'key-second-2222')('GET', '/accounts');

    const answer = await controlPlaneGet(mock, '/__mock/organizations', 'key-second-2222');
    expect(answer.violations, JSON.stringify(answer.body)).toEqual([]);
    expect(answer.status).toBe(200);
    const rows = answer.body.data as {
      maskedKey: string;
      current: boolean;
      records: number;
      plan: string;
    }[];
    expect(rows.map((r) => r.maskedKey).sort()).toEqual(['••••1111', '••••2222']);
    expect(rows.find((r) => r.current)?.maskedKey).toBe('••••2222');
    expect(JSON.stringify(answer.body)).not.toContain('key-first');
    // The first organization holds the account it made (and its event), on top of its seed.
    const [first, second] = ['••••1111', '••••2222'].map((k) =>
      rows.find((r) => r.maskedKey === k),
    );
    expect(first!.records).toBeGreaterThan(second!.records);
  });

  it('answers without a key too, marking none as current', async () => {
    const mock = createPersonaMock();
    await mockClient(mock, 'key-only-3333')('GET', '/accounts');
    const answer = await controlPlaneGet(mock, '/__mock/organizations', null);
    expect(answer.violations).toEqual([]);
    expect(answer.body.data).toHaveLength(1);
    expect(answer.body.data[0].current).toBe(false);
  });
});
