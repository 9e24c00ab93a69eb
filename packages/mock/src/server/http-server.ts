import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { getResponse } from 'msw';
import { createPersonaMock, type PersonaMock, type PersonaMockOptions } from '../create-mock.js';

export interface MockServerOptions extends Omit<PersonaMockOptions, 'baseUrl'> {
  port?: number;
  host?: string;
  /** Log each request (method, path, status, milliseconds). */
  log?: (line: string) => void;
}

export interface MockServer {
  url: string;
  /** The API's base URL: `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  mock: PersonaMock;
  server: Server;
  close(): Promise<void>;
}

const BASE_PATH = '/api/v1';

/** The mock over real HTTP: node:http hands each request to the same msw handlers. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const mock = createPersonaMock({ ...options, baseUrl: `*${BASE_PATH}` });
  await mock.ready;
  const server = createServer((req, res) => {
    const started = performance.now();
    serve(mock, req, res, host)
      .then((status) => {
        options.log?.(
          `${req.method} ${req.url} ${status} ${(performance.now() - started).toFixed(1)}ms`,
        );
      })
      .catch((error: unknown) => {
        options.log?.(`${req.method} ${req.url} failed: ${(error as Error).message}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ title: 'Internal Server Error' }] }));
        } else res.destroy();
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseUrl: `${url}${BASE_PATH}`,
    mock,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  mock: PersonaMock,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
): Promise<number> {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
  const response =
    (await getResponse(mock.handlers, request)) ??
    new Response(
      JSON.stringify({
        errors: [{ title: 'Not Found', details: `No route matches ${method} ${req.url}` }],
      }),
      {
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      },
    );
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  if (response.body && method !== 'HEAD') {
    const body = Buffer.from(await response.arrayBuffer());
    res.end(body);
  } else res.end();
  return response.status;
}
