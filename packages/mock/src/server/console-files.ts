import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the console answers: `http://127.0.0.1:4010/__mock/`. */
export const CONSOLE_PATH = '/__mock/';

/** The built console: `dist/console` of this package, from `src/server` and `dist/server` alike. */
export const defaultConsoleDir = () =>
  fileURLToPath(new URL('../../dist/console/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The console talks only to this origin and runs only its own scripts.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Serves the console's static files under `/__mock/`: the page itself at
 * `/__mock/` and its bundle under `/__mock/assets/`. Only files listed
 * when the folder is first read are served, so no request path can reach
 * a file outside it. Everything else under `/__mock/` is the control plane.
 * Answers undefined when the request is not the console's.
 */
export function consoleFiles(dir: string = defaultConsoleDir()) {
  let listing: Promise<Map<string, string>> | undefined;
  const files = () => {
    listing ??= list(dir).then((found) => {
      if (found.size === 0) listing = undefined; // not built yet: look again next time
      return found;
    });
    return listing;
  };

  // Synchronous for every other request: the API's hot path pays one string check.
  return (req: IncomingMessage, res: ServerResponse): Promise<number> | undefined => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    if (!req.url?.startsWith('/__mock')) return undefined;
    const path = req.url.split('?')[0]!;
    if (path === '/__mock') {
      res.writeHead(308, { Location: CONSOLE_PATH });
      res.end();
      return Promise.resolve(308);
    }
    let name: string;
    if (path === CONSOLE_PATH || path === `${CONSOLE_PATH}index.html`) name = 'index.html';
    else if (path.startsWith(`${CONSOLE_PATH}assets/`)) name = path.slice(CONSOLE_PATH.length);
    else return undefined;
    return send(name, path, req, res);
  };

  async function send(
    name: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<number> {
    const found = (await files()).get(name);
    if (!found) {
      const built = existsSync(join(dir, 'index.html'));
      return notFound(
        res,
        built
          ? `The console has no file ${path}`
          : `The console is not built here (${dir}): run \`pnpm run build\` in packages/mock`,
      );
    }
    const body = await readFile(found);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      // Bundles carry a content hash in their names; the page must be read afresh.
      'Cache-Control': name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return 200;
  }
}

/** Every file under the console folder, by its URL path below `/__mock/`. */
async function list(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(dir, full).split(sep).join('/'), full);
  }
  return out;
}

function notFound(res: ServerResponse, details: string): number {
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ title: 'Not Found', details }] }));
  return 404;
}
