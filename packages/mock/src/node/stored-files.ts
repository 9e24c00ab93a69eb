import { open, readdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { acceptDocument, emptyData, type MockData, parseEveryRecord } from '../core/store.js';
import { fileLines } from './file-lines.js';
import { JournalCorruption, replayJournal } from './journal-lines.js';
import {
  type SnapshotHeader,
  type SnapshotV1,
  snapshotLayout,
  snapshotLayoutV1,
} from './snapshot.js';

export const journalFile = (path: string, generation: number) => `${path}.journal.${generation}`;

export async function journalGenerations(path: string): Promise<number[]> {
  const prefix = `${basename(path)}.journal.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)))
    .sort((a, b) => a - b);
}

export interface StoredFiles {
  /** Objects read from record lines are still their JSON text (core/stored-record.ts). */
  document: MockData;
  /** No snapshot file at all. */
  fresh: boolean;
  /** The older layout: one whole document, no journal. */
  single: boolean;
  generation: number;
  journals: number[];
  /** The newest journal replayed: its committed length and its length on disk. */
  last: { generation: number; committed: number; size: number } | null;
  snapshotBytes: number;
  journalBytes: number;
  sequence: number;
}

/**
 * Reads a snapshot and replays its journals, changing no file: what start-up
 * does first. With `parsed`, every object comes back parsed, as a test that
 * looks at a running mock's files wants them.
 */
export async function readStoredFiles(
  path: string,
  { parsed = false }: { parsed?: boolean } = {},
): Promise<StoredFiles> {
  const snapshot = await readSnapshot(path);
  const single = snapshot?.single ?? false;
  const generation = snapshot?.generation ?? 0;
  const document = snapshot?.data ?? emptyData();
  const journals = await journalGenerations(path);
  let last: StoredFiles['last'] = null;
  let journalBytes = 0;
  let sequence = 0;
  // The older layout had no journal: a file named like one is not ours to replay.
  for (const n of single ? [] : journals) {
    if (n < generation) continue;
    const file = journalFile(path, n);
    const replayed = await replayJournal(document, fileLines(file), file);
    sequence = Math.max(sequence, replayed.lastSequence);
    journalBytes += replayed.committedBytes;
    last = { generation: n, committed: replayed.committedBytes, size: replayed.size };
  }
  if (parsed) parseEveryRecord(document);
  return {
    document,
    fresh: snapshot === null,
    single,
    generation,
    journals,
    last,
    snapshotBytes: snapshot?.bytes ?? 0,
    journalBytes,
    sequence,
  };
}

const linesMark = Buffer.from(`{"layout":"${snapshotLayout}"`);
/** More than a header line takes: one without its newline by then is damage. */
const HEADER_BYTES = 4096;

interface ReadSnapshot {
  data: MockData;
  generation: number;
  single: boolean;
  bytes: number;
}

/** A snapshot in either layout, or the older single document; null when there is no file. */
async function readSnapshot(path: string): Promise<ReadSnapshot | null> {
  const head = await readHead(path);
  if (head === null) return null;
  if (!head.subarray(0, linesMark.length).equals(linesMark)) return readDocument(path);
  const headerEnd = head.indexOf(0x0a);
  if (headerEnd < 0) throw new JournalCorruption(path, 0, 'a snapshot without a whole header line');
  const header = parseJson(head.toString('utf8', 0, headerEnd), path) as Partial<SnapshotHeader>;
  if (!Number.isSafeInteger(header.generation))
    throw new JournalCorruption(path, 0, 'a snapshot header without its generation');
  const data = acceptDocument({ format: header.format, orgs: {} }, path);
  const replayed = await replayJournal(data, fileLines(path, headerEnd + 1), path);
  // A snapshot is renamed into place whole: one that stops short was damaged since.
  if (replayed.committedBytes !== replayed.size)
    throw new JournalCorruption(path, replayed.committedBytes, 'a snapshot cut short');
  return { data, generation: header.generation as number, single: false, bytes: replayed.size };
}

async function readHead(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return null;
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The one-document layouts: a `@1` snapshot, or the older single file. */
async function readDocument(path: string): Promise<ReadSnapshot> {
  const text = await readFile(path, 'utf8');
  const bytes = Buffer.byteLength(text);
  const parsed = parseJson(text, path) as Partial<SnapshotV1> | MockData;
  if (parsed && typeof parsed === 'object' && 'layout' in parsed) {
    if (parsed.layout !== snapshotLayoutV1 || !Number.isSafeInteger(parsed.generation)) {
      throw new Error(`${path}: unsupported snapshot layout ${String(parsed.layout)}`);
    }
    const data = acceptDocument(parsed.data, path);
    return { data, generation: parsed.generation as number, single: false, bytes };
  }
  return { data: acceptDocument(parsed, path), generation: 0, single: true, bytes };
}

/** Parses JSON a snapshot holds; damage is refused, naming the file and the byte where parsing stopped. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // Without a position, the text ended before the JSON did.
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    throw new JournalCorruption(file, Buffer.byteLength(text.slice(0, position)), message);
  }
}
