import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
  json: any;
}

/** How the receiver answers its n-th request (0-based): a status, or 'hang' to never answer. */
export type Behaviour = (n: number, received: Received) => number | 'hang';

/** A webhook receiver on 127.0.0.1 that records what it is sent. */
export async function startReceiver(behaviour: Behaviour = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { headers: req.headers, body, json: JSON.parse(body) };
      const answer = behaviour(received.length, entry);
      received.push(entry);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks a `Persona-Signature` header on its own terms (node:crypto): the secrets whose signature matches. */
export function verifiedSecrets(header: string, body: string, secrets: string[]): string[] {
  const pairs = header.split(' ').map((part) => {
    const [t, v1] = part.split(',').map((kv) => kv.slice(kv.indexOf('=') + 1));
    return { t: t!, v1: v1! };
  });
  return secrets.filter((secret) =>
    pairs.some(
      ({ t, v1 }) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1,
    ),
  );
}
