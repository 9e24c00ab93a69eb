import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from 'lowdb';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonaMock } from '../create-mock.js';
import { fileStorage } from '../node/index.js';
import { type PlainData, parsedData } from '../test-support/parsed-data.js';
import { mockClient } from '../test-support/test-client.js';
import { MockCore } from './mock-core.js';
import { RecordMap } from './record-map.js';
import { type JournaledStorage, type MockData, Store } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Store with a file', () => {
  it('starts empty without a file, and reloads what it wrote', async () => {
    const file = join(dir, 'fresh.json');
    const store = new Store(fileStorage(file));
    await store.load();
    expect(store.data.orgs).toEqual({});
    const org = new MockCore({ store }).orgFor('key_x');
    await store.close();
    const again = new Store(fileStorage(file));
    await again.load();
    expect(Object.keys(again.data.orgs)).toEqual([org.id]);
    // The seeded objects came back through the journal.
    expect(parsedData(again.data).orgs[org.id]).toEqual(parsedData(store.data).orgs[org.id]);
    expect(Object.keys(again.data.orgs[org.id]!.collections).length).toBeGreaterThan(0);
    await again.close();
  });

  it('refuses a file it did not write, and leaves it as it was', async () => {
    const file = join(dir, 'someone-elses.json');
    writeFileSync(file, '{"users":[1,2,3]}');
    await expect(new Store(fileStorage(file)).load()).rejects.toThrow(
      /not written by persona-mock/,
    );
    expect(readFileSync(file, 'utf8')).toBe('{"users":[1,2,3]}');
    writeFileSync(file, '{"format":"persona-kit-mock@9","orgs":{}}');
    await expect(new Store(fileStorage(file)).load()).rejects.toThrow(
      /unsupported mock data format/,
    );
    writeFileSync(file, '{"format": broken');
    await expect(new Store(fileStorage(file)).load()).rejects.toThrow();
  });

  it('groups concurrent commits into few writes, each answered once on disk', async () => {
    const file = join(dir, 'grouped.json');
    const journal = fileStorage(file);
    let writes = 0;
    const counting: JournaledStorage = {
      kind: 'journal',
      load: () => journal.load(),
      commit: (data, changes) => {
        writes++;
        return journal.commit(data, changes);
      },
      close: () => journal.close(),
    };
    const store = new Store(counting);
    await store.load();
    const orgs = new MockCore({ store });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        orgs.orgFor(`key_${i}`);
        return store.commit();
      }),
    );
    await store.close();
    expect(writes).toBeLessThanOrEqual(2);
    const again = new Store(fileStorage(file));
    await again.load();
    expect(Object.keys(again.data.orgs)).toHaveLength(50);
    await again.close();
  });
});

describe('Store with a whole-document adapter (localStorage)', () => {
  it('writes each collection as a plain object by id and reads it back as a map', async () => {
    // What localStorage holds: the document's JSON text.
    let saved: string | null = null;
    const storage: Adapter<MockData> = {
      read: async () => (saved === null ? null : (JSON.parse(saved) as MockData)),
      write: async (data) => {
        saved = JSON.stringify(data);
      },
    };
    const mock = createPersonaMock({ storage });
    const call = mockClient(mock);
    const created = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'kept-in-the-page' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const written = JSON.parse(saved ?? '{}') as {
      orgs: Record<string, PlainData['orgs'][string]>;
    };
    const org = Object.values(written.orgs).find((o) => o.collections.accounts?.[id]);
    expect(org?.collections.accounts?.[id]?.attributes['reference-id']).toBe('kept-in-the-page');

    const reloaded = createPersonaMock({ storage });
    const again = mockClient(reloaded);
    expect((await again('GET', `/accounts/${id}`)).body.data.id).toBe(id);
    expect((await again('GET', '/accounts')).body.data.map((a: { id: string }) => a.id)).toContain(
      id,
    );
    expect(reloaded.core.store.data.orgs[org?.id ?? '']?.collections.accounts).toBeInstanceOf(
      RecordMap,
    );
  });
});
