import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An answer that never ends by itself (Server-Sent Events): written as it comes, not buffered. */
export const isStream = (response: Response) =>
  response.body !== null &&
  (response.headers.get('content-type') ?? '').startsWith('text/event-stream');

/** Pipes a streamed answer to the client; a client that hangs up ends it, and is no error. */
export async function pipeStream(response: Response, res: ServerResponse): Promise<void> {
  res.flushHeaders();
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      res,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
