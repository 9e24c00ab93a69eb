import { describe, expect, it } from 'vitest';
import { Collection, CursorError } from './collection.js';
import { RecordMap } from './record-map.js';
import type { ResourceRecord } from './types.js';

const record = (i: number, group = i % 3): ResourceRecord => ({
  type: 'thing',
  id: `t_${String(i).padStart(6, '0')}`,
  attributes: { group: String(group), n: i },
});

function filled(count: number) {
  const collection = new Collection<ResourceRecord>(new RecordMap()).index(
    'group',
    (r) => r.attributes.group as string,
  );
  for (let i = 0; i < count; i++) collection.insert(record(i));
  return collection;
}

describe('Collection', () => {
  it('builds an index on its first lookup from the objects as they are then', () => {
    const stored = new RecordMap();
    for (let i = 0; i < 6; i++) stored.set(record(i).id, record(i));
    const c = new Collection<ResourceRecord>(stored).index(
      'group',
      (r) => r.attributes.group as string,
    );
    c.insert(record(6));
    c.update('t_000000', (r) => {
      r.attributes.group = '2';
    });
    c.evictOldest(2);
    expect(c.lookup('group', '0')).toEqual(['t_000003', 't_000006']);
    expect(c.lookup('group', '2')).toEqual(['t_000002', 't_000005']);
    // Built now: later changes keep it in step.
    c.insert(record(9));
    c.update('t_000003', (r) => {
      r.attributes.group = '1';
    });
    expect(c.lookup('group', '0')).toEqual(['t_000006', 't_000009']);
    expect(c.first('group', '1')?.id).toBe('t_000003');
  });

  it('pages newest first in both directions', () => {
    const c = filled(10);
    const first = c.page({ size: 4 });
    expect(first.items.map((r) => r.attributes.n)).toEqual([9, 8, 7, 6]);
    expect(first).toMatchObject({ hasNewer: false, hasOlder: true });
    const next = c.page({ size: 4, after: 't_000006' });
    expect(next.items.map((r) => r.attributes.n)).toEqual([5, 4, 3, 2]);
    const back = c.page({ size: 4, before: 't_000005' });
    expect(back.items.map((r) => r.attributes.n)).toEqual([9, 8, 7, 6]);
    expect(back.hasNewer).toBe(false);
    expect(() => c.page({ size: 4, after: 't_999999' })).toThrow(CursorError);
  });

  it('keeps indexes in step with updates, one id or many per key', () => {
    const c = filled(9);
    expect(c.lookup('group', '0')).toEqual(['t_000000', 't_000003', 't_000006']);
    c.update('t_000003', (r) => {
      r.attributes.group = '1';
    });
    expect(c.lookup('group', '0')).toEqual(['t_000000', 't_000006']);
    expect(c.first('group', '1')?.id).toBe('t_000001');
    c.update('t_000000', (r) => {
      r.attributes.group = 'solo';
    });
    expect(c.lookup('group', 'solo')).toEqual(['t_000000']);
    expect(c.first('group', 'solo')?.id).toBe('t_000000');
  });

  it('evicts the oldest objects from records, order and indexes, and compacts', () => {
    const c = filled(5000);
    c.evictOldest(3000);
    expect(c.size).toBe(2000);
    expect(c.get('t_000000')).toBeUndefined();
    expect(c.has('t_002999')).toBe(false);
    expect(c.lookup('group', '0')[0]).toBe('t_003000');
    const last = c.page({ size: 3, after: 't_003002' });
    expect(last.items.map((r) => r.id)).toEqual(['t_003001', 't_003000']);
    expect(last.hasOlder).toBe(false);
    expect([...c.values()]).toHaveLength(2000);
    expect(() => c.page({ size: 1, after: 't_000001' })).toThrow(CursorError);
    c.insert(record(9999));
    expect(c.page({ size: 1 }).items[0]?.id).toBe('t_009999');
  });

  it('keeps objects read as text as text until one is used, and files them all in an index', () => {
    const stored = new RecordMap();
    for (let i = 0; i < 6; i++) stored.set(record(i).id, JSON.stringify(record(i)));
    const c = new Collection<ResourceRecord>(stored).index(
      'group',
      (r) => r.attributes.group as string,
    );
    // Filing reads every object but keeps none parsed.
    expect(c.lookup('group', '1')).toEqual(['t_000001', 't_000004']);
    expect([...stored.values()].every((v) => typeof v === 'string')).toBe(true);
    // A page parses what it answers, once: the same object comes back after.
    const page = c.page({ size: 2 });
    expect(page.items.map((r) => r.id)).toEqual(['t_000005', 't_000004']);
    expect(c.get('t_000005')).toBe(page.items[0]);
    expect(typeof stored.get('t_000003')).toBe('string');
    // A change reaches the stored object, and the index follows it.
    c.update('t_000003', (r) => {
      r.attributes.group = '1';
    });
    expect(c.lookup('group', '1')).toEqual(['t_000001', 't_000003', 't_000004']);
    // Evicting an object still in text takes it out of the index too.
    c.evictOldest(2);
    expect(c.lookup('group', '1')).toEqual(['t_000003', 't_000004']);
    expect([...c.values()].map((r) => r.attributes.n)).toEqual([2, 3, 4, 5]);
  });

  it('keeps its map in stored order through inserts and evictions', () => {
    const stored = new RecordMap();
    const c = new Collection<ResourceRecord>(stored);
    for (let i = 0; i < 5; i++) c.insert(record(i));
    c.evictOldest(2);
    c.insert(record(7));
    expect([...stored.keys()]).toEqual(['t_000002', 't_000003', 't_000004', 't_000007']);
    expect(() => c.insert(record(7))).toThrow('duplicate id t_000007');
  });

  it('keeps ids in order once positions are known, through inserts, evictions and compaction', () => {
    const c = filled(3000);
    // A lookup of several ids sorts them by position: the positions are known from here on.
    expect(c.lookup('group', '2').slice(0, 2)).toEqual(['t_000002', 't_000005']);
    c.insert(record(9002, 2));
    c.evictOldest(1600);
    expect(c.lookup('group', '2').slice(0, 2)).toEqual(['t_001601', 't_001604']);
    expect(c.lookup('group', '2').at(-1)).toBe('t_009002');
    expect(c.first('group', '2')?.id).toBe('t_001601');
    expect(c.page({ size: 2, after: 't_001602' }).items.map((r) => r.id)).toEqual([
      't_001601',
      't_001600',
    ]);
  });
});
