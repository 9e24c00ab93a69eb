import { open } from 'node:fs/promises';

/**
 * Told each whole line (without its newline): the bytes holding it, where it
 * starts and ends in them, and where it starts in the file. The bytes are only
 * valid during the call.
 */
export type LineVisitor = (bytes: Buffer, start: number, end: number, offset: number) => void;

/**
 * Lines from `from` on, visited in order; a last line without its newline is
 * not visited. Resolves to the length of the file (or bytes).
 */
export type LineSource = (visit: LineVisitor) => Promise<number>;

/** The lines of bytes already in memory. */
export const bufferLines =
  (bytes: Buffer, from = 0): LineSource =>
  async (visit) => {
    let start = from;
    for (;;) {
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) break;
      visit(bytes, start, end, start);
      start = end + 1;
    }
    return bytes.length;
  };

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The lines of a file, read a few megabytes at a time into one buffer that is
 * reused: a journal of any size is read without holding all of it at once.
 */
export const fileLines =
  (path: string, from = 0, chunkBytes = CHUNK_BYTES): LineSource =>
  async (visit) => {
    const handle = await open(path, 'r');
    try {
      let buffer = Buffer.allocUnsafe(chunkBytes);
      // File offset of buffer[0], and bytes carried over from the last read (a line's head).
      let base = from;
      let kept = 0;
      for (;;) {
        if (kept === buffer.length) {
          // One line longer than the buffer: make room for it.
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, kept);
          buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, base + kept);
        const valid = kept + bytesRead;
        let start = 0;
        for (;;) {
          const end = buffer.indexOf(0x0a, start);
          if (end < 0 || end >= valid) break;
          visit(buffer, start, end, base + start);
          start = end + 1;
        }
        if (bytesRead === 0) return base + valid;
        buffer.copy(buffer, 0, start, valid);
        base += start;
        kept = valid - start;
      }
    } finally {
      await handle.close();
    }
  };
