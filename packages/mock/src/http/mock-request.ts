import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * What the pipeline reads of a request, whatever carried it: a Fetch
 * `Request` (msw in Node or the browser) or a Node `IncomingMessage` (the
 * HTTP server), so neither transport pays for the other's objects.
 */
export interface MockRequest {
  method: string;
  /** The whole URL, for what needs more than the path and query below. */
  readonly url: URL;
  /** The URL's path, as `url.pathname` would give it. */
  readonly pathname: string;
  /** The URL's query, as `url.search` would give it (`''` for none). */
  readonly search: string;
  readonly searchParams: URLSearchParams;
  /** A header by lower-case name. */
  header(name: string): string | null;
  /** Every header, for validation against the spec. */
  headers: Headers | IncomingHttpHeaders;
  text(): Promise<string>;
  formData(): Promise<FormData>;
}

/** What the pipeline answers; each transport writes it its own way. */
export interface MockAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or the bytes of a file. */
  body: string | Uint8Array<ArrayBuffer>;
}

export function fromFetch(request: Request): MockRequest {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    url,
    pathname: url.pathname,
    search: url.search,
    searchParams: url.searchParams,
    header: (name) => request.headers.get(name),
    headers: request.headers,
    text: () => request.text(),
    formData: () => request.formData(),
  };
}

export function toFetch(answer: MockAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Letters, digits, `_`, `-` and single slashes: a path the URL parser leaves as it is. */
const plainPath = /^(?:\/[A-Za-z0-9_-]+)*\/?$/;

/**
 * A Node request, read without building Fetch objects (the body is read once,
 * on demand). Its URL is that of `Host`, or of `host` when the request has none.
 */
export function fromNode(req: IncomingMessage, host: string): MockRequest {
  return new NodeRequest(req, host);
}

/** A class, not an object literal with getters: one is made per request, and a class makes it cheaply. */
class NodeRequest implements MockRequest {
  readonly method: string;
  readonly pathname: string;
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
  readonly #req: IncomingMessage;
  readonly #host: string;
  readonly #target: string;
  readonly #mark: number;
  #url: URL | undefined;
  #params: URLSearchParams | undefined;
  #raw: Promise<Buffer> | undefined;

  constructor(req: IncomingMessage, host: string) {
    this.#req = req;
    this.#host = host;
    this.method = (req.method ?? 'GET').toUpperCase();
    this.headers = req.headers;
    const target = req.url ?? '/';
    this.#target = target;
    const mark = target.indexOf('?');
    this.#mark = mark;
    const path = mark < 0 ? target : target.slice(0, mark);
    // A plain path (no dot segments, escapes or doubled slashes) reads as the URL parser would read it.
    this.pathname = plainPath.test(path) ? path : this.url.pathname;
    this.search = mark < 0 ? '' : this.url.search;
  }

  get url(): URL {
    this.#url ??= new URL(this.#target, `http://${this.#req.headers.host ?? this.#host}`);
    return this.#url;
  }

  get searchParams(): URLSearchParams {
    this.#params ??= this.#mark < 0 ? new URLSearchParams() : this.url.searchParams;
    return this.#params;
  }

  header(name: string): string | null {
    const value = this.#req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  async text(): Promise<string> {
    return (await this.#read()).toString('utf8');
  }

  async formData(): Promise<FormData> {
    // Multipart is rare here: let the Fetch implementation parse it.
    const body = await this.#read();
    return new Response(new Uint8Array(body), {
      headers: { 'content-type': this.header('content-type') ?? '' },
    }).formData();
  }

  #read(): Promise<Buffer> {
    const req = this.#req;
    this.#raw ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A small body comes in one chunk: no copy of it.
      req.on('end', () =>
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
      );
      req.on('error', reject);
    });
    return this.#raw;
  }
}
