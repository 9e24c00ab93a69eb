// A print operation answers a PDF: the kit reads its bytes, and a body that
// is not one is a violation whatever its Content-Type says.
import { describe, expect, it } from 'vitest';
import { exchangeOf, validateResponse } from './index.js';

const path = '/api/v1/reports/rep_Tb5Nw8Qz3Lc7Vx2Hk9Rm4Jp6/print';
const answer = (body: string, type = 'application/pdf') =>
  new Response(new TextEncoder().encode(body), {
    status: 200,
    headers: { 'Content-Type': type, 'Request-Id': 'req_1' },
  });

async function check(response: Response) {
  const exchange = await exchangeOf(response, { method: 'GET', path });
  return { exchange, violations: [...exchange.violations, ...validateResponse(exchange.input)] };
}

describe('PDF answers', () => {
  it('accepts a PDF as the print operation documents it, read as bytes', async () => {
    const { exchange, violations } = await check(answer('%PDF-1.3\n...'));
    expect(violations).toEqual([]);
    expect(exchange.input.body).toBeInstanceOf(Uint8Array);
  });

  it('flags bytes that do not start as a PDF does', async () => {
    const { violations } = await check(answer('<html>not a pdf</html>'));
    expect(violations.map((v) => v.message)).toEqual([
      'body is not a PDF: it starts "<html", not %PDF-',
    ]);
  });

  it('flags a JSON answer where a PDF is documented', async () => {
    const { violations } = await check(answer('{"data":null}', 'application/json'));
    expect(violations.map((v) => v.message).join('\n')).toContain('application/json');
  });
});
