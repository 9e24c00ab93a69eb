import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import { importListItems } from './list-item-import.js';
import { API_KEY, BASE_URL, useMswServer } from './test-support/msw.js';

const server = useMswServer();
const listId = 'lst_Fq4Wn8Kx2Lt7Hv3Rb9Mc5Zs6P';
const importer = {
  type: 'importer/list-item/email-address',
  id: 'mprt_Jw6Ht2Xq9Lc4Vn7Rb3Kz8Ms5',
  attributes: {
    status: 'ready',
    'created-at': '2025-03-01T10:00:00.000Z',
    'completed-at': '2025-03-01T10:00:00.000Z',
    'successful-count': 1,
    'error-count': 0,
    'duplicate-count': 0,
  },
};

/** The uploads the fake server received, each as its content type and form fields. */
function captureUploads(kind: string) {
  const uploads: { contentType: string | null; form: FormData }[] = [];
  server.use(
    http.post(`${BASE_URL}/importer/list-item/${kind}`, async ({ request }) => {
      uploads.push({
        contentType: request.headers.get('Content-Type'),
        form: await request.formData(),
      });
      return HttpResponse.json({ data: importer }, { status: 201 });
    }),
  );
  return uploads;
}

describe('importListItems', () => {
  it('sends CSV text as a multipart form with the list id and a file part', async () => {
    const uploads = captureUploads('email-addresses');
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });
    const csv = 'value,match_type\nfraud@example.com,email_address\n';

    const { data, response } = await importListItems(client, 'email-addresses', {
      listId,
      file: csv,
    });

    expect(response.status).toBe(201);
    expect(data?.data.attributes['successful-count']).toBe(1);
    const [upload] = uploads;
    expect(upload?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.form.get('data[attributes][list-id]')).toBe(listId);
    const file = upload?.form.get('data[attributes][file]') as File;
    expect(file.name).toBe('list-items.csv');
    expect(await file.text()).toBe(csv);
  });

  it("keeps a File's own name, and takes the name given instead", async () => {
    const uploads = captureUploads('names');
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });
    const file = new File(['name_first,name_last\nAda,Vell\n'], 'watch.csv', { type: 'text/csv' });

    await importListItems(client, 'names', { listId, file });
    await importListItems(client, 'names', { listId, file, fileName: 'renamed.csv' });

    const names = uploads.map((u) => (u.form.get('data[attributes][file]') as File).name);
    expect(names).toEqual(['watch.csv', 'renamed.csv']);
  });
});
