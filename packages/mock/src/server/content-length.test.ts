import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './http-server.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(() => server.close());

/** The raw head and body of one answer, as the socket carried it. */
function raw(method: string, path: string, body?: string) {
  return new Promise<{ headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request(
      `${server.baseUrl}${path}`,
      {
        method,
        headers: { Authorization: 'Bearer key-length', 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('API answers over HTTP', () => {
  it('carry the byte length of their body instead of chunked encoding', async () => {
    const made = await raw(
      'POST',
      '/accounts',
      JSON.stringify({ data: { attributes: { 'name-first': 'Zoë' } } }),
    );
    expect(made.headers['transfer-encoding']).toBeUndefined();
    expect(Number(made.headers['content-length'])).toBe(Buffer.byteLength(made.text));
    const id = JSON.parse(made.text).data.id as string;
    const read = await raw('GET', `/accounts/${id}`);
    expect(Number(read.headers['content-length'])).toBe(Buffer.byteLength(read.text));
    const missing = await raw('GET', '/accounts/act_000000000000000000000000');
    expect(missing.headers['transfer-encoding']).toBeUndefined();
    expect(Number(missing.headers['content-length'])).toBe(Buffer.byteLength(missing.text));
  });
});
