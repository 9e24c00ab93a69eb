// Every change the API can make must reach the journal: the whole contract
// suite runs against a mock kept in a file, and the data read back from the
// files must equal the data the mock held, object for object and in order.
// A service that changes an object in place without telling its collection
// makes this fail.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite } from '@persona-kit/contract';
import { handlersFetch } from '@persona-kit/contract/msw';
import { createPersonaMock } from '@persona-kit/mock';
import { fileStorage, readStoredFiles, type StoredFiles } from '@persona-kit/mock/node';
import { afterAll, describe, expect, it } from 'vitest';
import { failures } from './contract/support.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-journal-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The document as text, with each collection's objects in their stored order. */
const asText = (data: unknown) => JSON.stringify(data);
/** Objects by id as text: a journaled store keeps the objects it read and has not used as their JSON text. */
const recordsAsText = (records: ReadonlyMap<string, unknown>) =>
  JSON.stringify(
    Object.fromEntries(
      [...records].map(([id, r]) => [id, typeof r === 'string' ? JSON.parse(r) : r]),
    ),
  );

const urlOf = (input: unknown) => (input instanceof Request ? input.url : String(input));

type Orgs = StoredFiles['document']['orgs'];

/** The first object (or organization field) that differs between memory and the files. */
function firstDifference(live: Orgs, read: Orgs): string | undefined {
  for (const [id, org] of Object.entries(live)) {
    const stored = read[id];
    if (!stored) return `organization ${id} is missing`;
    if (stored.plan !== org.plan) return `${id} plan ${stored.plan}, not ${org.plan}`;
    for (const [name, records] of Object.entries(org.collections)) {
      const storedRecords = stored.collections[name] ?? new Map();
      if (asText([...storedRecords.keys()]) !== asText([...records.keys()]))
        return `${id} ${name}: other objects or order`;
      for (const [recordId, record] of records) {
        if (asText(storedRecords.get(recordId)) !== asText(record))
          return `${name} ${recordId} differs`;
      }
    }
  }
  for (const id of Object.keys(read)) if (!live[id]) return `organization ${id} should be gone`;
  return undefined;
}

describe('a journaled mock restarted from its files', () => {
  it('reads back exactly what the contract suite left, from the journal alone', async () => {
    const file = join(dir, 'suite.json');
    // No compaction: a snapshot holds what is in memory and would hide a change the journal missed.
    const storage = fileStorage(file, { sync: 'none', compactMinBytes: Number.POSITIVE_INFINITY });
    const mock = createPersonaMock({ storage });
    const inProcess = handlersFetch(mock.handlers);
    const mismatches: string[] = [];
    let checked = 0;
    let writes = 0;
    // After every answered write, the files must read back as what the mock holds.
    const checkingFetch: typeof inProcess = async (input, init) => {
      const method = (
        init?.method ?? (input instanceof Request ? input.method : 'GET')
      ).toUpperCase();
      const response = await inProcess(input, init);
      checked++;
      if (method !== 'GET' && mismatches.length === 0) {
        writes++;
        try {
          const { document } = await readStoredFiles(file, { parsed: true });
          const difference = firstDifference(mock.core.store.data.orgs, document.orgs);
          if (difference) mismatches.push(`${method} ${urlOf(input)}: ${difference}`);
        } catch (error) {
          mismatches.push(`${method} ${urlOf(input)}: ${(error as Error).stack}`);
        }
      }
      return response;
    };
    const result = await runSuite({
      baseUrl: 'https://api.withpersona.com/api/v1',
      apiKey: 'journal-restart',
      fetch: checkingFetch,
    });
    expect(failures(result)).toBe('');
    expect(mismatches).toEqual([]);
    // The suite's writes were all checked, not skipped.
    expect(writes).toBeGreaterThan(checked / 10);
    const planned = await handlersFetch(mock.handlers)('https://api.withpersona.com/__mock/plan', {
      method: 'PUT',
      headers: { Authorization: 'Bearer journal-restart', 'Content-Type': 'application/json' },
      body: JSON.stringify({ plan: 'enterprise' }),
    });
    expect(planned.status).toBe(200);
    await mock.reset('some-other-key');
    await mock.core.store.close();

    const restarted = createPersonaMock({ storage: fileStorage(file) });
    await restarted.ready;
    const again = restarted.core.store;
    expect(Object.keys(again.data.orgs)).toEqual(Object.keys(mock.core.store.data.orgs));
    for (const [id, org] of Object.entries(mock.core.store.data.orgs)) {
      const read = again.data.orgs[id]!;
      expect(read.plan).toBe(org.plan);
      expect(Object.keys(read.idempotency).sort()).toEqual(Object.keys(org.idempotency).sort());
      for (const [name, records] of Object.entries(org.collections)) {
        // Same objects, same values, same order (lists answer in stored order).
        expect(recordsAsText(read.collections[name] ?? new Map()), `${id} ${name}`).toBe(
          recordsAsText(records),
        );
      }
    }
    await again.close();
  }, 60_000);
});
