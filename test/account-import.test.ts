// The client's account import against the mock: a multipart CSV upload the
// mock reads row by row, in the mode asked.
import { createPersonaClient, importAccounts, unwrap } from '@persona-kit/client';
import { setupPersonaMock } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { server } = setupPersonaMock();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('importAccounts', () => {
  it('creates the accounts of a CSV text, then updates them in update mode', async () => {
    const client = createPersonaClient({ apiKey: 'key-account-import', retry: false });
    const csv = 'reference_id,name_first,name_last\nimp-1,Ada,Lovelace\nimp-2,Alan,Turing\n';

    const created = await importAccounts(client, { file: csv, mode: 'create' });
    expect(created.response.status).toBe(201);
    expect(created.data?.data.type).toBe('importer/account');
    const importer = unwrap(
      await client.GET('/importers/{importer-id}', {
        params: { path: { 'importer-id': created.data!.data.id } },
      }),
    ).data;
    expect(importer.attributes).toMatchObject({ 'successful-count': 2, 'error-count': 0 });

    const renamed = new File(['reference_id,name_first\nimp-1,Augusta\n'], 'rename.csv');
    expect((await importAccounts(client, { file: renamed, mode: 'update' })).response.status).toBe(
      201,
    );
    const found = unwrap(
      await client.GET('/accounts', { params: { query: { filter: { 'reference-id': 'imp-1' } } } }),
    ).data;
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found[0]?.attributes.fields)).toContain('Augusta');
  });

  it('refuses a mode the importer does not know, naming the field', async () => {
    const client = createPersonaClient({ apiKey: 'key-account-import-bad', retry: false });
    const refused = await importAccounts(client, {
      file: 'reference_id\nx\n',
      // @ts-expect-error: the mode is checked by the mock too
      mode: 'merge',
    });
    expect(refused.response.status).toBeGreaterThanOrEqual(400);
    expect(refused.response.status).toBeLessThan(500);
    expect(JSON.stringify(refused.error)).toContain('mode');
  });
});
