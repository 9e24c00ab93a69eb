import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordMap } from '../core/record-map.js';
import { emptyData } from '../core/store.js';
import { writeSnapshot } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const eventText = (n: number) => `{"type":"event","id":"evt_${n}","attributes":{"n":${n}}}`;

describe('writeSnapshot', () => {
  it('ends while objects keep coming, writing as many as the map held when it began', async () => {
    const held = 20_000;
    const data = emptyData();
    const events = new RecordMap();
    for (let n = 0; n < held; n++) events.set(`evt_${n}`, eventText(n));
    data.orgs.org_1 = {
      id: 'org_1',
      plan: 'growth',
      createdAt: '2026-01-01T00:00:00.000Z',
      collections: { events },
      idempotency: {},
    };
    // A bounded log under load: the newest come in, the oldest go, on every turn of the loop.
    const cap = 2_000_000;
    let next = held;
    let oldest = 0;
    let writing = true;
    const arrive = () => {
      if (!writing || next - held >= cap) return;
      for (let i = 0; i < 5_000; i++) {
        events.delete(`evt_${oldest++}`);
        events.set(`evt_${next}`, eventText(next++));
      }
      setImmediate(arrive);
    };
    setImmediate(arrive);
    const file = join(dir, 'busy.json');
    await writeSnapshot(file, data, 1, false);
    writing = false;
    expect(next - held).toBeLessThan(cap);
    const written = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"collection":"events"'));
    expect(written.length).toBe(held);
    // Each object is written once, and only objects the log held at some moment.
    const ids = written.map((line) => JSON.parse(line).id as string);
    expect(new Set(ids).size).toBe(held);
    for (const id of ids) expect(Number(id.slice(4))).toBeLessThan(next);
  });
});
