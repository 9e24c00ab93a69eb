import type { ChangeSet } from '../core/changes.js';
import type { ClockState } from '../core/clock.js';
import type { IdempotencyEntry, MockData, OrgData, StoredDelivery } from '../core/store.js';
import type { Plan, ResourceRecord } from '../core/types.js';

/**
 * One journal line: a JSON object on its own line. A commit's lines end with
 * a `commit` line; lines after the last one were never acknowledged.
 */
export type JournalLine =
  | { reset: true }
  | { org: string; dropped: true }
  | { org: string; plan: Plan; createdAt: string; clock?: ClockState }
  | { org: string; collection: string; id: string; record: ResourceRecord }
  | { org: string; collection: string; id: string; deleted: true }
  | { org: string; answer: string; entry: IdempotencyEntry | null }
  | { org: string; delivery: string; entry: StoredDelivery | null }
  | { commit: number };

/** The lines of one commit: what changed, read from the document as it is now. */
export function encodeCommit(data: MockData, changes: ChangeSet, sequence: number): string {
  const lines: string[] = [];
  if (changes.everything) lines.push('{"reset":true}');
  for (const org of changes.dropped) lines.push(JSON.stringify({ org, dropped: true }));
  for (const org of changes.orgs) {
    const found = data.orgs[org];
    if (found) {
      const { plan, createdAt, clock } = found;
      lines.push(JSON.stringify({ org, plan, createdAt, ...(clock ? { clock } : {}) }));
    }
  }
  for (const key of changes.records) {
    const [org, collection, id] = key.split('\u0000') as [string, string, string];
    const record = data.orgs[org]?.collections[collection]?.[id];
    lines.push(
      record
        ? `{"org":${JSON.stringify(org)},"collection":${JSON.stringify(collection)},"id":${JSON.stringify(id)},"record":${JSON.stringify(record)}}`
        : JSON.stringify({ org, collection, id, deleted: true }),
    );
  }
  for (const key of changes.idempotency) {
    const [org, answer] = splitKey(key);
    const entry = data.orgs[org]?.idempotency[answer] ?? null;
    lines.push(JSON.stringify({ org, answer, entry }));
  }
  for (const key of changes.deliveries) {
    const [org, delivery] = splitKey(key);
    const entry = data.orgs[org]?.deliveries?.[delivery] ?? null;
    lines.push(JSON.stringify({ org, delivery, entry }));
  }
  lines.push(`{"commit":${sequence}}`);
  return `${lines.join('\n')}\n`;
}

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
}

/**
 * Applies the journal's complete commits to `data`. An unfinished last line
 * (a write cut short) and lines after the last `commit` line were never
 * acknowledged and are left out; a complete line that is not a journal line
 * is damage and throws, naming the file and the byte offset.
 */
export function replayJournal(data: MockData, bytes: Buffer, file: string): Replayed {
  const deletedLater = laterDeletions(bytes);
  const keyLengths = [...new Set([...deletedLater.keys()].map((key) => key.length))];
  let start = 0;
  let committedBytes = 0;
  let commits = 0;
  let lastSequence = 0;
  let pending: Array<{ line: JournalLine; offset: number }> = [];
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break; // torn: the last write stopped in this line
    if (keyLengths.length > 0 && isDeletedLater(bytes, start, end, deletedLater, keyLengths)) {
      start = end + 1;
      continue;
    }
    let line: JournalLine;
    try {
      line = JSON.parse(bytes.toString('utf8', start, end)) as JournalLine;
    } catch {
      throw new JournalCorruption(file, start, 'a line that is not JSON');
    }
    const reason = shapeProblem(line);
    if (reason) throw new JournalCorruption(file, start, reason);
    if ('commit' in line) {
      for (const entry of pending) apply(data, entry.line, file, entry.offset);
      pending = [];
      commits++;
      lastSequence = line.commit;
      committedBytes = end + 1;
    } else {
      pending.push({ line, offset: start });
    }
    start = end + 1;
  }
  return { committedBytes, commits, lastSequence };
}

const recordMark = Buffer.from(',"record":');
const deletedMark = Buffer.from(',"deleted":true}');
const commitStart = Buffer.from('{"commit":');

/** Whether `mark` is at `at`: a plain loop, as a native compare costs more per call than it saves on a few bytes. */
function bytesAt(bytes: Buffer, at: number, mark: Buffer): boolean {
  if (at + mark.length > bytes.length) return false;
  for (let i = 0; i < mark.length; i++) if (bytes[at + i] !== mark[i]) return false;
  return true;
}

/**
 * Records a later committed line of the same journal deletes, by the bytes
 * that name them (`{"org":…,"collection":…,"id":…`, written alike on record
 * and deletion lines), with the offset of the last such deletion. Replaying
 * those records only to delete them again is most of a busy journal (the
 * event log drops what it outgrows), so they are stepped over unparsed.
 */
function laterDeletions(bytes: Buffer): Map<string, number> {
  const deletions = new Map<string, number>();
  const uncommitted: Array<[string, number]> = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    const markAt = end - deletedMark.length;
    if (markAt > start && bytesAt(bytes, markAt, deletedMark)) {
      uncommitted.push([bytes.toString('latin1', start, markAt), start]);
    } else if (bytesAt(bytes, start, commitStart)) {
      // Only a committed deletion counts: lines after the last commit are never replayed.
      for (const [key, offset] of uncommitted) deletions.set(key, offset);
      uncommitted.length = 0;
    }
    start = end + 1;
  }
  return deletions;
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
  deletions: Map<string, number>,
  keyLengths: number[],
): boolean {
  if (bytes[end - 1] !== 0x7d || bytes[end - 2] !== 0x7d) return false;
  for (const length of keyLengths) {
    const markAt = start + length;
    const recordAt = markAt + recordMark.length;
    if (recordAt >= end) continue;
    if (!bytesAt(bytes, markAt, recordMark)) continue;
    if (bytes[recordAt] !== 0x7b) continue;
    const deletedAt = deletions.get(bytes.toString('latin1', start, markAt));
    if (deletedAt !== undefined && deletedAt > start) return true;
  }
  return false;
}

function shapeProblem(line: unknown): string | undefined {
  if (!line || typeof line !== 'object' || Array.isArray(line))
    return 'a line that is not an object';
  const l = line as Record<string, unknown>;
  if ('commit' in l) return typeof l.commit === 'number' ? undefined : 'a commit without a number';
  if ('reset' in l) return l.reset === true ? undefined : 'a malformed reset';
  if (typeof l.org !== 'string') return 'a line without an organization';
  if ('dropped' in l || 'plan' in l) return undefined;
  if ('answer' in l) return typeof l.answer === 'string' ? undefined : 'a malformed answer';
  if ('delivery' in l) return typeof l.delivery === 'string' ? undefined : 'a malformed delivery';
  if (typeof l.collection !== 'string' || typeof l.id !== 'string')
    return 'a malformed record line';
  if (l.deleted === true) return undefined;
  const record = l.record as ResourceRecord | undefined;
  if (!record || typeof record !== 'object' || record.id !== l.id)
    return 'a record line whose record does not match its id';
  return undefined;
}

function apply(data: MockData, line: JournalLine, file: string, offset: number): void {
  // Records first: nearly every line is one.
  if ('record' in line) {
    const org = data.orgs[line.org];
    if (!org)
      throw new JournalCorruption(file, offset, `a record of unknown organization ${line.org}`);
    org.collections[line.collection] ??= {};
    org.collections[line.collection]![line.id] = line.record;
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
  if (org?.collections[line.collection]) delete org.collections[line.collection]![line.id];
}
