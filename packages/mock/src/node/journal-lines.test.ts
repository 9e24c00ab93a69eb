import { describe, expect, it } from 'vitest';
import { emptyData } from '../core/store.js';
import type { ResourceRecord } from '../core/types.js';
import { bufferLines } from './file-lines.js';
import { replayJournal } from './journal-lines.js';

const org = '{"org":"org_1","plan":"growth","createdAt":"2026-01-01T00:00:00.000Z"}';
const record = (id: string, name = 'x') =>
  `{"org":"org_1","collection":"events","id":"${id}","record":{"type":"event","id":"${id}","attributes":{"name":"${name}"}}}`;
const deletion = (id: string) =>
  `{"org":"org_1","collection":"events","id":"${id}","deleted":true}`;
const replay = async (lines: string[]) => {
  const data = emptyData();
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const replayed = await replayJournal(data, bufferLines(bytes), 'journal');
  return { events: Object.fromEntries(data.orgs.org_1?.collections.events ?? []), replayed };
};

describe('replaying records a later line deletes', () => {
  it('leaves out a record deleted by a later commit, and keeps one written again after', async () => {
    const { events, replayed } = await replay([
      org,
      record('evt_a'),
      record('evt_b'),
      '{"commit":1}',
      deletion('evt_a'),
      deletion('evt_b'),
      '{"commit":2}',
      record('evt_b', 'again'),
      '{"commit":3}',
    ]);
    expect(Object.keys(events)).toEqual(['evt_b']);
    expect((events.evt_b as ResourceRecord | undefined)?.attributes.name).toBe('again');
    expect(replayed.commits).toBe(3);
  });

  it('keeps a record whose deletion was never committed', async () => {
    const { events, replayed } = await replay([
      org,
      record('evt_a'),
      '{"commit":1}',
      deletion('evt_a'),
    ]);
    expect(Object.keys(events)).toEqual(['evt_a']);
    expect(replayed.commits).toBe(1);
  });

  it('still refuses a damaged line that names a deleted record', async () => {
    const damaged = record('evt_a').replace('{"type"', '{!type"');
    await expect(
      replay([org, `${damaged.slice(0, -2)}`, '{"commit":1}', deletion('evt_a'), '{"commit":2}']),
    ).rejects.toThrow('journal is damaged at byte');
  });
});
