import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler } from 'msw';
import type { PersonaMock, PersonaMockOptions } from '../create-mock.js';
import { fromNode, type MockRequest } from '../http/mock-request.js';
import { createMockParts, type MockParts } from '../mock-parts.js';
import { consoleFiles } from './console-files.js';
import { isLoopbackHost } from './loopback.js';
import { isStream, pipeStream } from './stream-body.js';

export interface MockServerOptions extends Omit<PersonaMockOptions, 'baseUrl'> {
  port?: number;
  /** Anything but loopback (127.0.0.0/8, ::1, localhost) needs `adminToken`: every `/__mock/` route then asks for it. */
  host?: string;
  /** Log each request (method, path, status, milliseconds). */
  log?: (line: string) => void;
  /** The built console served at `/__mock/` (default: this package's `dist/console`). */
  consoleDir?: string;
}

export interface MockServer {
  url: string;
  /** The API's base URL: `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  /** The mock behind the server; its msw handlers are made inside, only when a request needs them. */
  mock: Omit<PersonaMock, 'handlers'>;
  server: Server;
  close(): Promise<void>;
}

const BASE_PATH = '/api/v1';

/**
 * The mock over real HTTP: node:http hands each API request straight to the
 * pipeline the msw handlers wrap (`dispatch`); only admin routes and unknown
 * paths go through msw's matching (docs/decisions/0001-http-server-dispatch.md).
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const exposed = !isLoopbackHost(host);
  if (exposed && !options.adminToken) {
    throw new Error(
      `${host} is reachable beyond this machine, and /__mock/ can read and wipe every organization: give adminToken (--admin-token <token> or PERSONA_MOCK_ADMIN_TOKEN), or listen on 127.0.0.1`,
    );
  }
  const parts = createMockParts({
    ...options,
    baseUrl: `*${BASE_PATH}`,
    // Can be asked for on loopback too, never waived beyond it.
    requireAdminToken: exposed || (options.requireAdminToken ?? false),
  });
  const mock = parts.mock;
  await mock.ready;
  const answerWithMsw = mswAnswerer(parts);
  const serveConsole = consoleFiles(options.consoleDir);
  const log = options.log;
  const failed = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    log?.(`${req.method} ${req.url} failed: ${(error as Error).message}`);
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ title: 'Internal Server Error' }] }));
    } else res.destroy();
  };
  const server = createServer((req, res) => {
    const served = serveConsole(req, res) ?? serve(mock, answerWithMsw, req, res, host);
    // Without a log, one reaction per request: this runs for every answer.
    if (!log) {
      served.catch(failed(req, res));
      return;
    }
    const started = performance.now();
    served.then(
      (status) => {
        log(`${req.method} ${req.url} ${status} ${(performance.now() - started).toFixed(1)}ms`);
      },
      failed(req, res),
    );
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
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      // A stopped mock posts nothing more; what is pending stays stored for the next start.
      mock.deliveries.forget();
      // Pending commits and a running compaction finish before the journal closes.
      await mock.core.store.close();
    },
  };
}

/** Answers a Fetch request through msw's matching of the mock's handlers; undefined when none matches. */
type MswAnswerer = (request: Request) => Promise<Response | undefined>;

/**
 * msw and the handlers are loaded on the first request that needs them:
 * API requests never do, so a start does not pay for them.
 */
function mswAnswerer(parts: MockParts): MswAnswerer {
  let loaded: Promise<{ handlers: HttpHandler[]; getResponse: typeof import('msw').getResponse }>;
  return async (request) => {
    loaded ??= Promise.all([import('../http/handlers.js'), import('msw')]).then(
      ([{ createHandlers }, { getResponse }]) => ({
        handlers: createHandlers(parts.handlerOptions, parts.deps).handlers,
        getResponse,
      }),
    );
    const { handlers, getResponse } = await loaded;
    return getResponse(handlers, request);
  };
}

function serve(
  mock: MockServer['mock'],
  answerWithMsw: MswAnswerer,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
): Promise<number> {
  const request = fromNode(req, host);
  const answered = mock.dispatch(request);
  if (!answered) return serveWithMsw(answerWithMsw, request, req, res);
  return answered.then((answer) => {
    // A length lets Node send head and body in one write, not as chunks; a flat list
    // of names and values is the cheapest form of headers Node takes.
    const headers: string[] = ['Content-Length', String(Buffer.byteLength(answer.body))];
    for (const name in answer.headers) headers.push(name, answer.headers[name] as string);
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    return answer.status;
  });
}

/** Admin routes and unknown paths go through msw's own matching. */
async function serveWithMsw(
  answerWithMsw: MswAnswerer,
  request: MockRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  const method = request.method;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // Aborted when the client goes away, so a long answer (the event stream) can stop.
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const fetchRequest = new Request(request.url, {
    method,
    signal: gone.signal,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      value === undefined
        ? []
        : Array.isArray(value)
          ? value.map((v) => [name, v] as [string, string])
          : [[name, value] as [string, string]],
    ),
    ...(hasBody ? { body: await request.text() } : {}),
  });
  const response =
    (await answerWithMsw(fetchRequest)) ??
    new Response(
      JSON.stringify({
        errors: [{ title: 'Not Found', details: `No route matches ${method} ${req.url}` }],
      }),
      {
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      },
    );
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  if (method !== 'HEAD' && isStream(response)) await pipeStream(response, res);
  else res.end(method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
  return response.status;
}
