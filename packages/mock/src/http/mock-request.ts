import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * What the pipeline reads of a request, whatever carried it: a Fetch
 * `Request` (msw in Node or the browser) or a Node `IncomingMessage` (the
 * HTTP server), so neither transport pays for the other's objects.
 */
export interface MockRequest {
  method: string;
  url: URL;
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
  return {
    method: request.method.toUpperCase(),
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    headers: request.headers,
    text: () => request.text(),
    formData: () => request.formData(),
  };
}

export function toFetch(answer: MockAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A Node request, read without building Fetch objects (the body is read once, on demand). */
export function fromNode(req: IncomingMessage, origin: string): MockRequest {
  let raw: Promise<Buffer> | undefined;
  const read = () => {
    raw ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
    return raw;
  };
  const header = (name: string) => {
    const value = req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url: new URL(req.url ?? '/', origin),
    header,
    headers: req.headers,
    text: async () => (await read()).toString('utf8'),
    formData: async () => {
      // Multipart is rare here: let the Fetch implementation parse it.
      const body = await read();
      return new Response(new Uint8Array(body), {
        headers: { 'content-type': header('content-type') ?? '' },
      }).formData();
    },
  };
}
