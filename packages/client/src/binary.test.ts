import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { getBinary } from './binary.js';
import { createPersonaClient } from './client.js';
import { isPersonaApiError } from './errors.js';
import { API_KEY, BASE_URL, useMswServer } from './test-support/msw.js';

const server = useMswServer();
const pdf = new TextEncoder().encode('%PDF-1.3\n%fake but shaped like one\n');
const reportId = 'rep_Tb5Nw8Qz3Lc7Vx2Hk9Rm4Jp6';

describe('getBinary', () => {
  it('answers the bytes of a print operation as a Blob, or an ArrayBuffer when asked', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE_URL}/reports/:id/print`, ({ request, params }) => {
        seen.push(`${params.id} ${request.headers.get('authorization')}`);
        return new HttpResponse(pdf, { headers: { 'Content-Type': 'application/pdf' } });
      }),
    );
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });
    const init = { params: { path: { 'report-id': reportId } } };
    const blob = await getBinary(client, '/reports/{report-id}/print', init);
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(pdf);
    const buffer = await getBinary(client, '/reports/{report-id}/print', init, 'arrayBuffer');
    expect(new TextDecoder().decode(buffer).startsWith('%PDF-')).toBe(true);
    expect(seen).toEqual([`${reportId} Bearer ${API_KEY}`, `${reportId} Bearer ${API_KEY}`]);
  });

  it('throws a PersonaApiError with the error document on a failure', async () => {
    server.use(
      http.get(`${BASE_URL}/inquiries/:id/print`, () =>
        HttpResponse.json(
          { errors: [{ title: 'Record not found', details: 'no inquiry inq_X' }] },
          { status: 404 },
        ),
      ),
    );
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });
    const failed = await getBinary(client, '/inquiries/{inquiry-id}/print', {
      params: { path: { 'inquiry-id': 'inq_Hn3Kx8Wd5Rt2Vm7Qc4Lz9Bf6' } },
    }).catch((error: unknown) => error);
    expect(isPersonaApiError(failed)).toBe(true);
    expect((failed as { status: number }).status).toBe(404);
  });
});
