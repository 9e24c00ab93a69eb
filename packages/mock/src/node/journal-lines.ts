import type { ChangeSet } from '../core/changes.js';
import type { ClockState } from '../core/clock.js';
import { RecordMap } from '../core/record-map.js';
import type { IdempotencyEntry, MockData, OrgData, StoredDelivery } from '../core/store.js';
import { commitText, type StoredRecord } from '../core/stored-record.js';
import type { Plan, ResourceRecord } from '../core/types.js';
import type { LineSource } from './file-lines.js';
import {
  bytesAt,
  checksumMatches,
  checksummedEnd,
  deletedMark,
  LineWriter,
  readDeletionLine,
  readRecordLine,
  recordMark,
} from './record-line.js';

/**
 * One journal line: a JSON object on its own line. A commit's lines end with
 * a `commit` line; lines after the last one were never acknowledged.
 */
export type JournalLine =
  | { reset: true }
  | { org: string; dropped: true }
  | { org: string; plan: Plan; createdAt: string; clock?: ClockState }
  | { org: string; collection: string; id: string; record: StoredRecord }
  | { org: string; collection: string; id: string; deleted: true }
  | { org: string; answer: string; entry: IdempotencyEntry | null }
  | { org: string; delivery: string; entry: StoredDelivery | null }
  | { commit: number };

/** The lines of one commit: what changed, read from the document as it is now. */
export function encodeCommit(data: MockData, changes: ChangeSet, sequence: number): Buffer {
  const out = new LineWriter();
  if (changes.everything) out.line('{"reset":true}');
  for (const org of changes.dropped) out.line(JSON.stringify({ org, dropped: true }));
  for (const org of changes.orgs) {
    const found = data.orgs[org];
    if (found) out.line(orgLine(found));
  }
  for (const [org, collections] of changes.records) {
    const stored = data.orgs[org]?.collections;
    for (const [collection, ids] of collections) {
      const records = stored?.[collection];
      for (const id of ids) {
        const text = records && commitText(records, id);
        if (text !== undefined) out.record(org, collection, id, text);
        else out.deletion(org, collection, id);
      }
    }
  }
  for (const key of changes.idempotency) {
    const [org, answer] = splitKey(key);
    out.line(answerLine(org, answer, data.orgs[org]?.idempotency[answer]));
  }
  for (const key of changes.deliveries) {
    const [org, delivery] = splitKey(key);
    out.line(deliveryLine(org, delivery, data.orgs[org]?.deliveries?.[delivery]));
  }
  out.line(`{"commit":${sequence}}`);
  return out.bytes();
}

/** An organization's own line: its plan, creation and clock. */
export function orgLine(found: OrgData): string {
  const { id: org, plan, createdAt, clock } = found;
  return JSON.stringify({ org, plan, createdAt, ...(clock ? { clock } : {}) });
}

/** A stored idempotent answer, or its removal when `entry` is absent. */
export const answerLine = (org: string, answer: string, entry: IdempotencyEntry | undefined) =>
  JSON.stringify({ org, answer, entry: entry ?? null });

/** A stored webhook delivery, or its removal when `entry` is absent. */
export const deliveryLine = (org: string, delivery: string, entry: StoredDelivery | undefined) =>
  JSON.stringify({ org, delivery, entry: entry ?? null });

/** `org\0name` into its two parts. */
function splitKey(key: string): [string, string] {
  const cut = key.indexOf('\u0000');
  return [key.slice(0, cut), key.slice(cut + 1)];
}

/** A journal that cannot be read past some line: it is refused, not repaired. */
export class JournalCorruption extends Error {
  constructor(file: string, offset: number, reason: string) {
    super(
      `${file} is damaged at byte ${offset} (${reason}); refusing to start over it. Restore the file or move it away.`,
    );
  }
}

export interface Replayed {
  /** Bytes up to the end of the last complete commit: what to keep. */
  committedBytes: number;
  /** Whole commits applied. */
  commits: number;
  lastSequence: number;
  /** The file's length, an unfinished last line included. */
  size: number;
}

/**
 * Applies the journal's complete commits to `data`. An unfinished last line
 * (a write cut short) and lines after the last `commit` line were never
 * acknowledged and are left out; a complete line that is not a journal line
 * is damage and throws, naming the file and the byte offset.
 */
export async function replayJournal(
  data: MockData,
  source: LineSource,
  file: string,
): Promise<Replayed> {
  const { deletions: deletedLater, committedEnd } = await scanJournal(source);
  const keyLengths = [...new Set([...deletedLater.keys()].map((key) => key.length))];
  let committedBytes = 0;
  let commits = 0;
  let lastSequence = 0;
  const size = await source((bytes, start, end, offset) => {
    if (
      keyLengths.length > 0 &&
      isDeletedLater(bytes, start, end, offset, deletedLater, keyLengths)
    )
      return;
    const line = readLine(bytes, start, end, file, offset);
    const lineEnd = offset + (end - start) + 1;
    if ('commit' in line) {
      commits++;
      lastSequence = line.commit;
      committedBytes = lineEnd;
    } else if (lineEnd <= committedEnd) {
      // A later commit line ends this line's commit: it was acknowledged.
      apply(data, line, file, offset);
    }
  });
  if (committedBytes !== committedEnd)
    throw new JournalCorruption(file, committedBytes, 'a commit line that does not read as one');
  return { committedBytes, commits, lastSequence, size };
}

const commitStart = Buffer.from('{"commit":');

/**
 * One pass over the lines, before any is read: where the last commit line
 * ends (lines after it were never acknowledged), and the records a later
 * committed line deletes, by the bytes that name them
 * (`{"org":…,"collection":…,"id":…`, written alike on record and deletion
 * lines), with the offset of the last such deletion. Replaying those records
 * only to delete them again is most of a busy journal (the event log drops
 * what it outgrows), so they are stepped over unparsed.
 */
async function scanJournal(
  source: LineSource,
): Promise<{ deletions: Map<string, number>; committedEnd: number }> {
  const deletions = new Map<string, number>();
  const uncommitted: Array<[string, number]> = [];
  let committedEnd = 0;
  await source((bytes, start, end, offset) => {
    const markAt = end - deletedMark.length;
    if (markAt > start && bytesAt(bytes, markAt, deletedMark)) {
      uncommitted.push([bytes.toString('latin1', start, markAt), offset]);
    } else if (bytesAt(bytes, start, commitStart)) {
      // Only a committed deletion counts: lines after the last commit are never replayed.
      for (const [key, at] of uncommitted) deletions.set(key, at);
      uncommitted.length = 0;
      committedEnd = offset + (end - start) + 1;
    }
  });
  return { deletions, committedEnd };
}

/**
 * A record line whose object a later committed line deletes: its name (as long
 * as some deletion's) must be followed by the record, which must close as a
 * record line does. Looked up by length, so no line is searched.
 */
function isDeletedLater(
  bytes: Buffer,
  start: number,
  end: number,
  offset: number,
  deletions: Map<string, number>,
  keyLengths: number[],
): boolean {
  const checked = checksummedEnd(bytes, start, end);
  // The record closes the line, or comes just before its checksum.
  if (
    checked >= 0 ? bytes[checked - 1] !== 0x7d : bytes[end - 1] !== 0x7d || bytes[end - 2] !== 0x7d
  )
    return false;
  for (const length of keyLengths) {
    const markAt = start + length;
    const recordAt = markAt + recordMark.length;
    if (recordAt >= end) continue;
    if (!bytesAt(bytes, markAt, recordMark)) continue;
    if (bytes[recordAt] !== 0x7b) continue;
    const deletedAt = deletions.get(bytes.toString('latin1', start, markAt));
    if (deletedAt !== undefined && deletedAt > offset) return true;
  }
  return false;
}

/**
 * One line, checked: a record line with a checksum keeps its record as text
 * (the checksum vouches for it); any other line is parsed and its shape checked.
 */
function readLine(
  bytes: Buffer,
  start: number,
  end: number,
  file: string,
  offset: number,
): JournalLine {
  const checked = checksummedEnd(bytes, start, end);
  if (checked >= 0) {
    if (!checksumMatches(bytes, start, checked))
      throw new JournalCorruption(file, offset, 'a line whose checksum does not match its bytes');
    const line = readRecordLine(bytes, start, checked);
    if (!line) throw new JournalCorruption(file, offset, 'a checksummed line that is not a record');
    return line;
  }
  const deletion = readDeletionLine(bytes, start, end);
  if (deletion) return deletion;
  let line: JournalLine;
  try {
    line = JSON.parse(bytes.toString('utf8', start, end)) as JournalLine;
  } catch {
    throw new JournalCorruption(file, offset, 'a line that is not JSON');
  }
  const reason = shapeProblem(line);
  if (reason) throw new JournalCorruption(file, offset, reason);
  return line;
}

function shapeProblem(line: unknown): string | undefined {
  if (!line || typeof line !== 'object' || Array.isArray(line))
    return 'a line that is not an object';
  const l = line as Record<string, unknown>;
  if ('commit' in l) return typeof l.commit === 'number' ? undefined : 'a commit without a number';
  if ('reset' in l) return l.reset === true ? undefined : 'a malformed reset';
  if (typeof l.org !== 'string') return 'a line without an organization';
  // A valid checksum is read before parsing: one seen here was damaged.
  if ('crc' in l) return 'a line whose checksum is damaged';
  if ('dropped' in l || 'plan' in l) return undefined;
  if ('answer' in l) return typeof l.answer === 'string' ? undefined : 'a malformed answer';
  if ('delivery' in l) return typeof l.delivery === 'string' ? undefined : 'a malformed delivery';
  if (typeof l.collection !== 'string' || typeof l.id !== 'string')
    return 'a malformed record line';
  if (l.deleted === true) return undefined;
  const record = l.record as ResourceRecord | undefined;
  if (!record || typeof record !== 'object' || record.id !== l.id)
    return 'a record line whose record does not match its id';
  if (Object.keys(l).length !== 4) return 'a record line with fields of its own';
  return undefined;
}

function apply(data: MockData, line: JournalLine, file: string, offset: number): void {
  // Records first: nearly every line is one.
  if ('record' in line) {
    const org = data.orgs[line.org];
    if (!org)
      throw new JournalCorruption(file, offset, `a record of unknown organization ${line.org}`);
    let records = org.collections[line.collection];
    if (!records) {
      records = new RecordMap();
      org.collections[line.collection] = records;
    }
    records.set(line.id, line.record);
    return;
  }
  if ('reset' in line) {
    data.orgs = {};
    return;
  }
  if ('commit' in line) return;
  if ('dropped' in line) {
    delete data.orgs[line.org];
    return;
  }
  if ('plan' in line) {
    const org: OrgData = data.orgs[line.org] ?? {
      id: line.org,
      plan: line.plan,
      createdAt: line.createdAt,
      collections: {},
      idempotency: {},
    };
    org.plan = line.plan;
    org.createdAt = line.createdAt;
    if (line.clock) org.clock = line.clock;
    else delete org.clock;
    data.orgs[line.org] = org;
    return;
  }
  const org = data.orgs[line.org];
  if ('answer' in line) {
    if (!org) return;
    if (line.entry) org.idempotency[line.answer] = line.entry;
    else delete org.idempotency[line.answer];
    return;
  }
  if ('delivery' in line) {
    if (!org) return;
    org.deliveries ??= {};
    if (line.entry) org.deliveries[line.delivery] = line.entry;
    else delete org.deliveries[line.delivery];
    return;
  }
  org?.collections[line.collection]?.delete(line.id);
}
