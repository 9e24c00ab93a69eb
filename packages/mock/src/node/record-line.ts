import { crc32 } from 'node:zlib';

/**
 * A record line of the journal and the snapshot:
 * `{"org":…,"collection":…,"id":…,"record":{…},"crc":"xxxxxxxx"}`. The CRC-32
 * covers every byte before `,"crc"`, so start-up can keep the record as text
 * without parsing it and still refuse a damaged line.
 */
const crcMark = Buffer.from(',"crc":"');
export const recordMark = Buffer.from(',"record":');
/** `,"crc":"` + 8 hex digits + `"}`. */
const SUFFIX_BYTES = crcMark.length + 10;

const hexDigits = Buffer.from('0123456789abcdef');

/**
 * Journal lines written straight into bytes, for one commit or a stretch of a
 * snapshot: a record line's checksum is taken from the bytes it was just
 * written as, and its parts are written one after another, so no line is
 * encoded twice and no string of a line or of the whole is built.
 */
export class LineWriter {
  #bytes = Buffer.allocUnsafe(64 * 1024);
  #at = 0;
  #org: string | undefined;
  #collection: string | undefined;
  /** `{"org":…,"collection":…,"id":` for the latest pair of names: lines come in runs of one collection. */
  #head = '';

  /** Bytes written so far. */
  get size(): number {
    return this.#at;
  }

  /** A line that carries no checksum. */
  line(text: string): void {
    this.#room(text.length * 3 + 1);
    this.#at += this.#bytes.write(text, this.#at);
    this.#bytes[this.#at++] = 0x0a;
  }

  /** The same bytes as `recordLine` (of the object whose JSON is `text`) and its newline. */
  record(org: string, collection: string, id: string, text: string): void {
    const head = this.#headOf(org, collection);
    const name = JSON.stringify(id);
    this.#room(
      (head.length + name.length + text.length) * 3 + recordMark.length + SUFFIX_BYTES + 1,
    );
    const bytes = this.#bytes;
    const start = this.#at;
    let at = start + bytes.write(head, start);
    at += bytes.write(name, at);
    at += recordMark.copy(bytes, at);
    at += bytes.write(text, at);
    const crc = crc32(bytes.subarray(start, at));
    // The suffix byte by byte: no string is made for it.
    at += crcMark.copy(bytes, at);
    for (let shift = 28; shift >= 0; shift -= 4) bytes[at++] = hexDigits[(crc >>> shift) & 15]!;
    bytes[at++] = 0x22;
    bytes[at++] = 0x7d;
    bytes[at++] = 0x0a;
    this.#at = at;
  }

  /** The line that says a record is gone: `{"org":…,"collection":…,"id":…,"deleted":true}`. */
  deletion(org: string, collection: string, id: string): void {
    const head = this.#headOf(org, collection);
    const name = JSON.stringify(id);
    this.#room((head.length + name.length) * 3 + deletedMark.length + 1);
    let at = this.#at;
    at += this.#bytes.write(head, at);
    at += this.#bytes.write(name, at);
    at += deletedMark.copy(this.#bytes, at);
    this.#bytes[at++] = 0x0a;
    this.#at = at;
  }

  /** What was written: valid until the next line. */
  bytes(): Buffer {
    return this.#bytes.subarray(0, this.#at);
  }

  /** What was written, handed over (to a write still running) while later lines go to new bytes. */
  take(): Buffer {
    const taken = this.#bytes.subarray(0, this.#at);
    this.#bytes = Buffer.allocUnsafe(this.#bytes.length);
    this.#at = 0;
    return taken;
  }

  #headOf(org: string, collection: string): string {
    if (org !== this.#org || collection !== this.#collection) {
      this.#org = org;
      this.#collection = collection;
      this.#head = `{"org":${JSON.stringify(org)},"collection":${JSON.stringify(collection)},"id":`;
    }
    return this.#head;
  }

  /** Room for `bytes` more (a UTF-16 unit takes at most 3 bytes). */
  #room(bytes: number): void {
    if (this.#at + bytes <= this.#bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#at + bytes));
    this.#bytes.copy(bigger, 0, 0, this.#at);
    this.#bytes = bigger;
  }
}

/** Where the checksummed part of the line `[start, end)` ends, or -1 when it has no checksum. */
export function checksummedEnd(bytes: Buffer, start: number, end: number): number {
  const at = end - SUFFIX_BYTES;
  if (at <= start || bytes[end - 1] !== 0x7d || bytes[end - 2] !== 0x22) return -1;
  return bytesAt(bytes, at, crcMark) ? at : -1;
}

/** Whether the checksum at `bodyEnd` is the CRC-32 of `[start, bodyEnd)`. */
export function checksumMatches(bytes: Buffer, start: number, bodyEnd: number): boolean {
  // The 8 hex digits read byte by byte: every line of a start-up passes here.
  let written = 0;
  for (let at = bodyEnd + crcMark.length, end = at + 8; at < end; at++) {
    const digit = hexValue(bytes[at] as number);
    if (digit < 0) return false;
    written = written * 16 + digit;
  }
  return crc32(bytes.subarray(start, bodyEnd)) === written;
}

/** The value of a lower-case hex digit's byte, or -1. */
const hexValue = (byte: number) =>
  byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : -1;

export interface RecordLine {
  org: string;
  collection: string;
  id: string;
  /** The record's JSON text, not parsed. */
  record: string;
}

/**
 * A record line whose checksum matched: its names, parsed, and the record as
 * text. Undefined when it is not a record line (its checksum cannot vouch for
 * a shape it never had).
 */
export function readRecordLine(
  bytes: Buffer,
  start: number,
  bodyEnd: number,
): RecordLine | undefined {
  const markAt = bytes.indexOf(recordMark, start);
  if (markAt < 0 || markAt >= bodyEnd) return undefined;
  const head = plainHead(bytes, start, markAt) ?? parsedHead(bytes, start, markAt);
  if (!head) return undefined;
  const { org, collection, id } = head;
  const textStart = markAt + recordMark.length;
  if (bytes[textStart] !== 0x7b || bytes[bodyEnd - 1] !== 0x7d) return undefined;
  return { org, collection, id, record: bytes.toString('utf8', textStart, bodyEnd) };
}

const orgOpen = Buffer.from('{"org":"');
const collectionOpen = Buffer.from('","collection":"');
const idOpen = Buffer.from('","id":"');

/**
 * The names of a line head written as the mock writes them, without escapes:
 * read by position, which costs far less than parsing. Undefined for any
 * other head.
 */
function plainHead(
  bytes: Buffer,
  start: number,
  markAt: number,
): Omit<RecordLine, 'record'> | undefined {
  for (let i = start; i < markAt; i++) if (bytes[i] === 0x5c) return undefined;
  if (!bytesAt(bytes, start, orgOpen)) return undefined;
  const orgStart = start + orgOpen.length;
  const orgEnd = bytes.indexOf(0x22, orgStart);
  if (orgEnd < 0 || !bytesAt(bytes, orgEnd, collectionOpen)) return undefined;
  const collectionStart = orgEnd + collectionOpen.length;
  const collectionEnd = bytes.indexOf(0x22, collectionStart);
  if (collectionEnd < 0 || !bytesAt(bytes, collectionEnd, idOpen)) return undefined;
  const idStart = collectionEnd + idOpen.length;
  const idEnd = bytes.indexOf(0x22, idStart);
  if (idEnd + 1 !== markAt) return undefined;
  return {
    org: orgNames.read(bytes, orgStart, orgEnd),
    collection: collectionNames.read(bytes, collectionStart, collectionEnd),
    id: bytes.toString('utf8', idStart, idEnd),
  };
}

/** How a deletion line ends. */
export const deletedMark = Buffer.from(',"deleted":true}');

/** A deletion line written as the mock writes it, read by position; undefined for any other line. */
export function readDeletionLine(
  bytes: Buffer,
  start: number,
  end: number,
): { org: string; collection: string; id: string; deleted: true } | undefined {
  const markAt = end - deletedMark.length;
  if (markAt <= start || !bytesAt(bytes, markAt, deletedMark)) return undefined;
  const head = plainHead(bytes, start, markAt);
  return head && { ...head, deleted: true };
}

/**
 * The few names lines repeat (organizations, collections), one string each:
 * a key used again is looked up by the engine at once, where a fresh string
 * of the same letters is hashed and interned on every lookup.
 */
class RepeatedNames {
  readonly #names: Array<{ bytes: Buffer; text: string }> = [];

  read(bytes: Buffer, start: number, end: number): string {
    const length = end - start;
    for (const name of this.#names) {
      if (name.bytes.length !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = name.bytes[i] === bytes[start + i];
      if (same) return name.text;
    }
    const text = bytes.toString('utf8', start, end);
    // Bounded: a store with many organizations keeps the latest few.
    if (this.#names.length >= 16) this.#names.shift();
    this.#names.push({ bytes: Buffer.from(bytes.subarray(start, end)), text });
    return text;
  }
}

const orgNames = new RepeatedNames();
const collectionNames = new RepeatedNames();

/** The names of any other head, parsed. */
function parsedHead(
  bytes: Buffer,
  start: number,
  markAt: number,
): Omit<RecordLine, 'record'> | undefined {
  let head: Partial<RecordLine>;
  try {
    head = JSON.parse(`${bytes.toString('utf8', start, markAt)}}`) as Partial<RecordLine>;
  } catch {
    return undefined;
  }
  const { org, collection, id } = head;
  if (typeof org !== 'string' || typeof collection !== 'string' || typeof id !== 'string')
    return undefined;
  return { org, collection, id };
}

/** Whether `mark` is at `at`: a plain loop, as a native compare costs more per call than it saves on a few bytes. */
export function bytesAt(bytes: Buffer, at: number, mark: Buffer): boolean {
  if (at + mark.length > bytes.length) return false;
  for (let i = 0; i < mark.length; i++) if (bytes[at + i] !== mark[i]) return false;
  return true;
}
