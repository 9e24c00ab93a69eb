import { describe, expect, it } from 'vitest';
import { MockCore } from '../core/mock-core.js';
import { applyImport, importAccounts, parseAccountCsv, planImport } from './importer.js';

const header = 'reference_id,name_first,tags';
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `r-${from + i},Name ${from + i},t`);

describe('the account import service', () => {
  it('decides every row before writing any', () => {
    const org = new MockCore().orgFor('k');
    const before = org.collection('accounts').size;
    const plan = planImport(
      org,
      parseAccountCsv([header, ...rows(3), ',missing,'].join('\n')),
      'upsert',
    );
    expect(plan.creates).toHaveLength(3);
    expect(plan.rowErrors).toEqual([
      { row: 4, 'reference-id': null, errors: ['reference_id is missing'] },
    ]);
    expect(org.collection('accounts').size).toBe(before);
    expect(org.collection('events').size).toBe(0);
  });

  it('reports progress after every tenth of the rows written, and at the end', () => {
    const org = new MockCore().orgFor('k');
    const seen: [number, number][] = [];
    const csv = parseAccountCsv([header, ...rows(25)].join('\n'));
    applyImport(org, '2025-03-01T10:00:00.000Z', planImport(org, csv, 'create'), {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 25].map((done) => [done, 25]));
  });

  it('gives imported accounts and events ids of their kind, never twice', () => {
    const org = new MockCore().orgFor('k');
    importAccounts(org, '2025-03-01T10:00:00.000Z', [header, ...rows(500)].join('\n'), 'create');
    const accounts = [...org.collection('accounts').values()].map((a) => a.id);
    const events = [...org.collection('events').values()].map((e) => e.id);
    expect(new Set(accounts).size).toBe(500);
    expect(new Set(events).size).toBe(500);
    for (const id of accounts) expect(id).toMatch(/^act_[A-Za-z0-9]{24}$/);
    for (const id of events) expect(id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
  });

  it('finds existing accounts by reference id without scanning: 20,000 upserts over 20,000 accounts', () => {
    const org = new MockCore().orgFor('k');
    importAccounts(org, '2025-03-01T10:00:00.000Z', [header, ...rows(20_000)].join('\n'), 'create');
    const started = performance.now();
    const importer = importAccounts(
      org,
      '2025-03-01T10:00:01.000Z',
      [header, ...rows(20_000, 10_000)].join('\n'),
      'upsert',
    );
    expect(importer.internal).toMatchObject({ createdCount: 10_000, updatedCount: 10_000 });
    // A scan per row would take minutes here; an index lookup takes well under this bound.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
