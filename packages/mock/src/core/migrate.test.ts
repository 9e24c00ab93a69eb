import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonaMock } from '../index.js';
import { fileStorage, readStoredFiles } from '../node/index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { type PlainData, parsedData } from '../test-support/parsed-data.js';
import { mockClient } from '../test-support/test-client.js';
import type { ResourceRecord } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The document a `--db` file holds now: a snapshot's data (journal replay aside). */
/** The document a data file holds: the older single file, or a snapshot and its journals. */
async function storedDocument(file: string): Promise<PlainData> {
  return parsedData((await readStoredFiles(file, { parsed: true })).document);
}

/**
 * Writes a data file as the first format kept an account: personal data and
 * `account-status` at the top, empty personal members, and to-many
 * relationships Persona's account lacks. Answers the file and the account id.
 */
async function firstFormatFile(): Promise<{ file: string; id: string }> {
  const file = join(dir, `v1-${Math.random().toString(36).slice(2)}.json`);
  const writer = createPersonaMock();
  const created = await mockClient(writer)('POST', '/accounts', {
    data: { attributes: { 'reference-id': 'legacy-1', tags: ['old'] } },
  });
  const id = created.body.data.id as string;
  // The first format was one JSON document per file.
  const data = parsedData(writer.core.store.data);
  data.format = 'persona-kit-mock@1';
  for (const org of Object.values(data.orgs)) {
    const record = org.collections.accounts?.[id];
    if (!record) continue;
    delete record.internal;
    record.attributes = {
      ...record.attributes,
      'account-status': 'suspended',
      'name-first': 'Ada',
      'name-last': 'Lovelace',
      birthdate: '1815-12-10',
      'email-address': 'ada@example.com',
      'address-city': 'London',
      'identification-numbers': null,
      'selfie-photo': null,
      fields: {},
    };
    record.relationships = {
      ...record.relationships,
      inquiries: { data: [] },
      reports: { data: [] },
      cases: { data: [] },
    };
  }
  writeFileSync(file, JSON.stringify(data));
  return { file, id };
}

describe('a first-format data file', () => {
  it("loads, answers Persona's account shape and keeps the status on the control plane", async () => {
    const { file, id } = await firstFormatFile();
    expect(readFileSync(file, 'utf8')).toContain('"account-status":"suspended"');
    const mock = createPersonaMock({ storage: fileStorage(file) });
    const call = mockClient(mock);

    const account = await call('GET', `/accounts/${id}`);
    expect(account.status).toBe(200);
    expect(account.violations).toEqual([]);
    const attributes = account.body.data.attributes;
    for (const gone of [
      'account-status',
      'name-first',
      'name-last',
      'birthdate',
      'email-address',
      'address-city',
      'identification-numbers',
      'selfie-photo',
    ])
      expect(attributes, gone).not.toHaveProperty(gone);
    expect(attributes.tags).toEqual(['old']);
    expect(attributes.fields).toEqual({
      name: {
        type: 'hash',
        value: {
          first: { type: 'string', value: 'Ada' },
          last: { type: 'string', value: 'Lovelace' },
        },
      },
      address: { type: 'hash', value: { city: { type: 'string', value: 'London' } } },
      birthdate: { type: 'date', value: '1815-12-10' },
      email_address: { type: 'string', value: 'ada@example.com' },
    });
    expect(Object.keys(account.body.data.relationships)).toEqual(['account-type']);

    const state = await mockObjects(mock)(id);
    expect(state.violations).toEqual([]);
    expect(state.body).toEqual({ id, type: 'account', state: { status: 'suspended' } });

    // It is stored in the current format.
    await call('POST', `/accounts/${id}/add-tag`, { meta: { 'tag-name': 'migrated' } });
    await mock.core.store.close();
    const written = await storedDocument(file);
    expect(written.format).toBe('persona-kit-mock@2');
    const stored = Object.values(written.orgs)
      .map((org) => org.collections.accounts?.[id])
      .find(Boolean);
    expect(stored?.attributes).not.toHaveProperty('account-status');
    expect(stored?.attributes).not.toHaveProperty('name-first');
    expect(stored?.internal).toMatchObject({ status: 'suspended' });
  });
});

describe("a first-format file's account types", () => {
  it('answer Persona shape and keep their fields and actions on the control plane', async () => {
    const { file, id } = await firstFormatFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    let typeId = '';
    for (const org of Object.values(data.orgs) as PlainData['orgs'][string][]) {
      for (const type of Object.values(
        org.collections['account-types'] ?? {},
      ) as ResourceRecord[]) {
        const internal = type.internal as { fields: unknown; actionIds: string[] };
        // The first format kept both lists in the attributes.
        type.attributes['field-schemas'] = internal.fields;
        type.attributes['account-actions'] = internal.actionIds.map((action) => ({
          id: action,
          name: action,
          parameters: [],
        }));
        type.internal = { default: type.internal?.default };
        if (type.attributes.name === 'User') typeId = type.id;
      }
    }
    writeFileSync(file, JSON.stringify(data));
    const mock = createPersonaMock({ storage: fileStorage(file) });
    const call = mockClient(mock);

    const type = await call('GET', `/account-types/${typeId}`);
    expect(type.violations).toEqual([]);
    expect(Object.keys(type.body.data.attributes).sort()).toEqual([
      'created-at',
      'name',
      'updated-at',
    ]);
    // The type's fields still check an update.
    const bad = await call('PATCH', `/accounts/${id}`, {
      data: { attributes: { fields: { risk_level: 3 } } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('risk_level');
    const good = await call('PATCH', `/accounts/${id}`, {
      data: { attributes: { fields: { risk_level: 'high' } } },
    });
    expect(good.status).toBe(200);
    const seed = await getResponse(
      mock.handlers,
      new Request('https://api.withpersona.com/__mock/seed', {
        headers: { Authorization: 'Bearer key-test' },
      }),
    );
    if (!seed) throw new Error('GET /__mock/seed was not answered');
    const user = (await seed.json()).accountTypes.find((t: { id: string }) => t.id === typeId);
    expect(user.fields.map((f: { key: string }) => f.key)).toContain('risk_level');
    expect(user.actions.length).toBeGreaterThan(0);
  });
});
