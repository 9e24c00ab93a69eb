// A webhook receiver on 127.0.0.1 for tests, and an HMAC check of its own
// (node:crypto), independent of the client's and the mock's signing code.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  body: string;
  signature: string;
  // biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
  json: any;
}

/** Starts a receiver; `status(n)` is what it answers to its n-th request (0-based). */
export async function startReceiver(status: (n: number) => number = () => 200) {
  const received: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = status(received.length);
      received.push({
        body,
        signature: String(req.headers['persona-signature']),
        json: JSON.parse(body),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/persona`,
    received,
    /** The deliveries of one event name, in arrival order. */
    named: (name: string) => received.filter((d) => d.json.data.attributes.name === name),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether some `t=…,v1=…` pair of the header is the HMAC-SHA256 of `t.body` under `secret`. */
export function signedWith(delivery: Delivery, secret: string): boolean {
  return delivery.signature.split(' ').some((pair) => {
    const fields = new Map(pair.split(',').map((kv) => kv.split('=') as [string, string]));
    const mac = createHmac('sha256', secret).update(`${fields.get('t')}.${delivery.body}`);
    return mac.digest('hex') === fields.get('v1');
  });
}
