import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyData } from '../core/store.js';
import { bufferLines } from './file-lines.js';
import { replayJournal } from './journal-lines.js';
import { LineWriter } from './record-line.js';

/** A record line built as text, the layout the README gives: what `LineWriter` must write as bytes. */
const recordLine = (org: string, collection: string, id: string, record: object | string) => {
  const text = typeof record === 'string' ? record : JSON.stringify(record);
  const body = `{"org":${JSON.stringify(org)},"collection":${JSON.stringify(collection)},"id":${JSON.stringify(id)},"record":${text}`;
  return `${body},"crc":"${crc32(body).toString(16).padStart(8, '0')}"}`;
};

const org = '{"org":"org_1","plan":"growth","createdAt":"2026-01-01T00:00:00.000Z"}';
const event = { type: 'event', id: 'evt_a', attributes: { name: 'café ☕' } };
const line = recordLine('org_1', 'events', 'evt_a', event);
const replay = async (lines: Array<string | Buffer>) => {
  const data = emptyData();
  const bytes = Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')]));
  await replayJournal(data, bufferLines(bytes), 'journal');
  return Object.fromEntries(data.orgs.org_1?.collections.events ?? []);
};
/** The journal with the byte at `at` of the record line replaced, and where that line starts. */
const damagedAt = (at: number, by: string) => {
  const bytes = Buffer.from(line);
  bytes[at] = by.charCodeAt(0);
  return [org, bytes, '{"commit":1}'];
};
const lineStart = org.length + 1;

describe('record lines with a checksum', () => {
  it('are JSON lines whose record replays as its text, parsed by nobody yet', async () => {
    expect(JSON.parse(line)).toMatchObject({ org: 'org_1', id: 'evt_a', record: event });
    const events = await replay([org, line, '{"commit":1}']);
    expect(typeof events.evt_a).toBe('string');
    expect(JSON.parse(events.evt_a as string)).toEqual(event);
  });

  it('refuse a record changed inside a string, which parsing alone would accept', async () => {
    const at = Buffer.from(line).indexOf('café');
    await expect(replay(damagedAt(at, 'k'))).rejects.toThrow(
      `journal is damaged at byte ${lineStart} (a line whose checksum does not match its bytes)`,
    );
  });

  it('refuse a damaged checksum, and a damaged checksum field name', async () => {
    const digits = Buffer.from(line).lastIndexOf('"}') - 1;
    await expect(replay(damagedAt(digits, 'z'))).rejects.toThrow(`damaged at byte ${lineStart}`);
    const name = Buffer.from(line).lastIndexOf('"crc"') + 2;
    await expect(replay(damagedAt(name, 'x'))).rejects.toThrow(`damaged at byte ${lineStart}`);
  });

  it('refuse a checksummed line that is not a record line', async () => {
    const forged = recordLine('org_1', 'events', 'evt_a', event).replace('"record":', '"recorc":');
    await expect(replay([org, forged, '{"commit":1}'])).rejects.toThrow(
      `damaged at byte ${lineStart}`,
    );
  });

  it('are stepped over, like lines without one, when a later commit deletes their object', async () => {
    const deletion = '{"org":"org_1","collection":"events","id":"evt_a","deleted":true}';
    const events = await replay([org, line, '{"commit":1}', deletion, '{"commit":2}']);
    expect(events).toEqual({});
  });
});

describe('a commit written straight into bytes', () => {
  it('holds the same record line, checksum and all, as the text form', () => {
    const out = new LineWriter();
    out.line('{"commit":1}');
    out.record('org_1', 'events', 'evt_a', JSON.stringify(event));
    out.record('org_1', 'events', 'evt_b', JSON.stringify({ ...event, id: 'evt_b' }));
    const expected = [
      '{"commit":1}',
      line,
      recordLine('org_1', 'events', 'evt_b', JSON.stringify({ ...event, id: 'evt_b' })),
    ];
    expect(out.bytes().toString()).toBe(`${expected.join('\n')}\n`);
  });

  it('grows past its first buffer without losing a byte', () => {
    const out = new LineWriter();
    const big = { ...event, attributes: { name: 'ü'.repeat(40_000) } };
    for (let i = 0; i < 3; i++)
      out.record('org_1', 'events', `evt_${i}`, JSON.stringify({ ...big, id: `evt_${i}` }));
    const lines = out.bytes().toString().trimEnd().split('\n');
    expect(lines).toEqual(
      [0, 1, 2].map((i) => recordLine('org_1', 'events', `evt_${i}`, { ...big, id: `evt_${i}` })),
    );
  });

  it('writes a deletion as the object form would, escapes and all, across collections', () => {
    const out = new LineWriter();
    out.record('org_1', 'events', 'evt_a', JSON.stringify(event));
    out.deletion('org_1', 'events', 'evt_"odd"');
    out.deletion('org_2', 'accounts', 'act_1');
    const lines = out.bytes().toString().trimEnd().split('\n');
    expect(lines.slice(1)).toEqual([
      JSON.stringify({ org: 'org_1', collection: 'events', id: 'evt_"odd"', deleted: true }),
      JSON.stringify({ org: 'org_2', collection: 'accounts', id: 'act_1', deleted: true }),
    ]);
  });

  it('hands over what it wrote and goes on in fresh bytes', () => {
    const out = new LineWriter();
    out.line('{"commit":1}');
    const first = out.take();
    out.line('{"commit":2}');
    expect(first.toString()).toBe('{"commit":1}\n');
    expect(out.size).toBe(13);
    expect(out.bytes().toString()).toBe('{"commit":2}\n');
  });
});
