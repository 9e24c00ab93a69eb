import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStorage } from '../node/index.js';
import { type MockData, Store } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Store with a file', () => {
  it('starts empty without a file, and reloads what it wrote', async () => {
    const file = join(dir, 'fresh.json');
    const store = new Store(fileStorage(file));
    await store.load();
    expect(store.data.orgs).toEqual({});
    store.data.orgs.org_x = {
      id: 'org_x',
      plan: 'growth',
      createdAt: 'now',
      collections: {},
      idempotency: {},
    };
    await store.commit();
    const again = new Store(fileStorage(file));
    await again.load();
    expect(Object.keys(again.data.orgs)).toEqual(['org_x']);
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
    const adapter = fileStorage(file);
    let writes = 0;
    const counting = {
      read: () => adapter.read(),
      write: (data: MockData) => {
        writes++;
        return adapter.write(data);
      },
    };
    const store = new Store(counting);
    await store.load();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        store.data.orgs[`org_${i}`] = {
          id: `org_${i}`,
          plan: 'growth',
          createdAt: '',
          collections: {},
          idempotency: {},
        };
        return store.commit();
      }),
    );
    expect(writes).toBeLessThanOrEqual(2);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).orgs)).toHaveLength(50);
  });
});
