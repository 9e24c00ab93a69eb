import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MockCore } from '../core/mock-core.js';
import { Store } from '../core/store.js';
import { CommittedText } from '../core/stored-record.js';
import type { ResourceRecord } from '../core/types.js';
import { createAccount } from '../services/accounts/accounts.js';
import { type PlainData, parsedData } from '../test-support/parsed-data.js';
import { fileStorage, readStoredFiles } from './index.js';
import { snapshotLayout } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const here = join(dir, `case-${n++}`);
  mkdirSync(here);
  return join(here, 'mock.json');
};

/** A store over `file`, with an organization; `write` adds an account and commits. */
async function open(file: string, options: Parameters<typeof fileStorage>[1] = {}) {
  const storage = fileStorage(file, options);
  const store = new Store(storage);
  await store.load();
  const core = new MockCore({ store });
  const org = core.orgFor('journal-test');
  return {
    store,
    storage,
    org,
    async write(reference: string) {
      const { account } = createAccount(org, core.now(), {
        attributes: { 'reference-id': reference },
      });
      await store.commit();
      return account.id;
    },
  };
}

/** An in-memory store with one account: the data older versions wrote as one document. */
function inMemoryWithAccount(key: string, reference: string) {
  const memory = new MockCore();
  const org = memory.orgFor(key);
  createAccount(org, memory.now(), { attributes: { 'reference-id': reference } });
  return { org, data: memory.store.data };
}

const reload = async (file: string): Promise<PlainData> => {
  const store = new Store(fileStorage(file));
  await store.load();
  await store.close();
  return parsedData(store.data);
};

describe('journaled store', () => {
  it('starts from a journal cut at every byte of its last commit: the torn commit goes, every earlier one stays', async () => {
    const file = fresh();
    const mock = await open(file);
    const kept = [await mock.write('first'), await mock.write('second')];
    const before = parsedData(mock.store.data);
    await mock.write('third');
    await mock.store.close();
    const { generation, committed } = (await readStoredFiles(file)).last!;
    const journalFile = `${file}.journal.${generation}`;
    const bytes = readFileSync(journalFile);
    expect(committed).toBe(bytes.length);
    // The last commit: its lines start after the `commit` line of the one before.
    const lastCommitLine = bytes.lastIndexOf('{"commit":', bytes.length - 2);
    const cutFrom = bytes.indexOf(0x0a, bytes.lastIndexOf('{"commit":', lastCommitLine - 1)) + 1;
    // An account and its event at least: far more than a line's worth of cuts.
    expect(bytes.length - cutFrom).toBeGreaterThan(200);
    let starts = 0;
    for (let cut = cutFrom; cut < bytes.length; cut++) {
      const copy = fresh();
      copyFileSync(file, copy);
      writeFileSync(`${copy}.journal.${generation}`, bytes.subarray(0, cut));
      const data = await reload(copy);
      expect(data, `cut at byte ${cut}`).toEqual(before);
      for (const id of kept)
        expect(data.orgs[mock.org.id]!.collections.accounts![id]).toBeDefined();
      // The torn tail was taken off, so the next commit starts on a clean line.
      expect(readFileSync(`${copy}.journal.${generation}`).length).toBe(cutFrom);
      starts++;
    }
    expect(starts).toBe(bytes.length - cutFrom);
    // A write after such a start lands on a clean line and survives the next start.
    const copy = fresh();
    copyFileSync(file, copy);
    writeFileSync(`${copy}.journal.${generation}`, bytes.subarray(0, bytes.length - 7));
    const again = await open(copy);
    const after = await again.write('after the cut');
    await again.store.close();
    const data = await reload(copy);
    expect(data.orgs[again.org.id]!.collections.accounts![after]).toBeDefined();
    for (const id of kept) expect(data.orgs[again.org.id]!.collections.accounts![id]).toBeDefined();
  });

  it('refuses a journal damaged before its end, naming the file and the byte, and changes no file', async () => {
    const file = fresh();
    const mock = await open(file);
    for (let i = 0; i < 5; i++) await mock.write(`r${i}`);
    await mock.store.close();
    const { last } = await readStoredFiles(file);
    const journalFile = `${file}.journal.${last!.generation}`;
    const bytes = readFileSync(journalFile);
    const secondLine = bytes.indexOf(0x0a) + 1;
    const damaged = Buffer.from(bytes);
    damaged[secondLine + 1] = 0x21; // `!` where a quote was
    writeFileSync(journalFile, damaged);
    const snapshot = readFileSync(file);
    await expect(new Store(fileStorage(file)).load()).rejects.toThrow(
      `${journalFile} is damaged at byte ${secondLine}`,
    );
    expect(readFileSync(journalFile)).toEqual(damaged);
    expect(readFileSync(file)).toEqual(snapshot);
  });

  it('refuses a damaged snapshot, naming the file and the byte', async () => {
    const file = fresh();
    writeFileSync(
      file,
      `{"layout":"${snapshotLayout}","generation":1,"data":{"format":"persona-kit-mock@1","orgs":{]}}`,
    );
    await expect(new Store(fileStorage(file)).load()).rejects.toThrow(
      new RegExp(`${file.replaceAll('/', '\\/')} is damaged at byte \\d+`),
    );
    expect(readFileSync(file, 'utf8')).toContain('{]');
  });

  it('takes over a single-file document of the older layout', async () => {
    const file = fresh();
    const { org, data: legacy } = inMemoryWithAccount('legacy', 'from-before');
    writeFileSync(file, JSON.stringify(legacy));
    const mock = await open(file);
    expect(parsedData(mock.store.data).orgs[org.id]).toEqual(parsedData(legacy).orgs[org.id]);
    const added = await mock.write('after');
    await mock.store.close();
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0] as string);
    expect(header.layout).toBe(snapshotLayout);
    const data = await reload(file);
    expect(data.orgs[org.id]).toEqual(parsedData(legacy).orgs[org.id]);
    expect(data.orgs[mock.org.id]!.collections.accounts![added]).toBeDefined();
  });

  it('writes a snapshot while commits go on, and loses none of them', async () => {
    const file = fresh();
    const compactions: number[] = [];
    const mock = await open(file, {
      compactMinBytes: 16 * 1024,
      onCompaction: (report) => {
        if ('ms' in report) compactions.push(report.ms);
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await mock.write(`c${i}`));
    await mock.store.close();
    expect(compactions.length).toBeGreaterThan(0);
    const read = await readStoredFiles(file);
    // Journals older than the snapshot were removed.
    expect(read.journals.every((g) => g >= read.generation)).toBe(true);
    // A snapshot a killed process left half-written is cleared away on start.
    writeFileSync(`${file}.99999.tmp`, '{"layout":');
    const data = await reload(file);
    expect(existsSync(`${file}.99999.tmp`)).toBe(false);
    expect(data).toEqual(parsedData(mock.store.data));
    for (const id of ids) expect(data.orgs[mock.org.id]!.collections.accounts![id]).toBeDefined();
  });

  it('starts from a snapshot of records as text, and parses one only when it is used', async () => {
    const file = fresh();
    const mock = await open(file);
    const ids = [await mock.write('kept-as-text'), await mock.write('asked-for')];
    await mock.storage.compact();
    await mock.store.close();
    const again = await open(file);
    const accounts = again.store.data.orgs[again.org.id]!.collections.accounts!;
    expect(typeof accounts.get(ids[0] as string)).toBe('string');
    const asked = again.org.collection('accounts').get(ids[1] as string);
    expect(asked?.attributes['reference-id']).toBe('asked-for');
    expect(accounts.get(ids[1] as string)).toBe(asked);
    expect(typeof accounts.get(ids[0] as string)).toBe('string');
    await again.store.close();
  });

  it('keeps a committed object as the text it wrote, and whoever holds the object keeps it', async () => {
    const file = fresh();
    const mock = await open(file);
    const accounts = mock.org.collection('accounts');
    const { account } = createAccount(mock.org, '2026-01-01T00:00:00.000Z', {
      attributes: { 'reference-id': 'held' },
    });
    await mock.store.commit();
    const stored = mock.store.data.orgs[mock.org.id]!.collections.accounts!;
    expect(stored.get(account.id)).toBeInstanceOf(CommittedText);
    expect(JSON.parse((stored.get(account.id) as CommittedText).text)).toEqual(account);
    // A change to the held object, noted by touch, reaches the journal though the store held text.
    account.attributes['reference-id'] = 'changed-in-place';
    accounts.touch(account.id);
    await mock.store.commit();
    const written = (await readStoredFiles(file, { parsed: true })).document;
    const writtenAccount = written.orgs[mock.org.id]!.collections.accounts!.get(account.id);
    expect((writtenAccount as ResourceRecord).attributes['reference-id']).toBe('changed-in-place');
    expect(stored.get(account.id)).toBeInstanceOf(CommittedText);
    // Held by this test, so the collection gives back that very object.
    expect(accounts.get(account.id)).toBe(account);
    accounts.update(account.id, (record) => {
      record.attributes.tags = ['updated'];
    });
    await mock.store.commit();
    await mock.store.close();
    const read = (await reload(file)).orgs[mock.org.id]!.collections.accounts![account.id];
    expect((read as ResourceRecord).attributes['reference-id']).toBe('changed-in-place');
    expect((read as ResourceRecord).attributes.tags).toEqual(['updated']);
  });

  it('refuses a snapshot cut short, at a line or inside one, naming the byte', async () => {
    const file = fresh();
    const mock = await open(file);
    for (let i = 0; i < 3; i++) await mock.write(`s${i}`);
    await mock.storage.compact();
    await mock.store.close();
    const whole = readFileSync(file);
    const closing = whole.lastIndexOf('{"commit":0}');
    for (const cut of [closing, closing - 20]) {
      writeFileSync(file, whole.subarray(0, cut));
      await expect(new Store(fileStorage(file)).load()).rejects.toThrow(
        new RegExp(
          `${file.replaceAll('/', '\\/')} is damaged at byte \\d+ \\(a snapshot cut short\\)`,
        ),
      );
      expect(readFileSync(file)).toEqual(whole.subarray(0, cut));
    }
  });

  it('reads a snapshot of the one-document layout earlier versions wrote', async () => {
    const file = fresh();
    const { org, data } = inMemoryWithAccount('one-document', 'from-a-document');
    writeFileSync(
      file,
      JSON.stringify({ layout: 'persona-kit-mock-snapshot@1', generation: 3, data }),
    );
    writeFileSync(`${file}.journal.3`, '');
    const mock = await open(file);
    expect(parsedData(mock.store.data).orgs[org.id]).toEqual(parsedData(data).orgs[org.id]);
    await mock.store.close();
    expect(await reload(file)).toEqual(parsedData(mock.store.data));
  });
});
