// The baseline: a bare node:http server that answers one fixed account document:
// the bytes of the file given as its argument (what the mock answered), or a
// document of the same shape.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const given = process.argv[2];
const body = given
  ? readFileSync(given, 'utf8')
  : JSON.stringify({
      data: {
        type: 'account',
        id: 'act_Bench000000000000000000000',
        attributes: {
          'reference-id': 'bench-account',
          'account-type-name': 'User',
          'created-at': '2026-01-01T00:00:00.000Z',
          'updated-at': '2026-01-01T00:00:00.000Z',
          tags: [],
          fields: {},
          'redacted-at': null,
        },
        relationships: {
          'account-type': { data: { type: 'account-type', id: 'acttp_User00000000000000000000' } },
        },
      },
    });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Request-Id': 'req_bench',
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
