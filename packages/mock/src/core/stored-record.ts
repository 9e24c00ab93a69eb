import type { ResourceRecord } from './types.js';

/**
 * A stored object, or the JSON text it was read from disk as. A journaled
 * store starts with every object as text: a string costs less memory than
 * the objects it parses into, and taking it from the file costs no parse.
 * The text is parsed, once, the first time something uses the object.
 */
export type StoredRecord = ResourceRecord | string;

/** The object stored under `id`, parsed in place if it is still text. */
export function storedRecord(
  records: Record<string, StoredRecord>,
  id: string,
): ResourceRecord | undefined {
  if (!Object.hasOwn(records, id)) return undefined;
  const found = records[id] as StoredRecord;
  if (typeof found !== 'string') return found;
  const parsed = JSON.parse(found) as ResourceRecord;
  records[id] = parsed;
  return parsed;
}

/** A stored object's JSON text, as it is written to disk. */
export const recordText = (stored: StoredRecord): string =>
  typeof stored === 'string' ? stored : JSON.stringify(stored);

/**
 * A stored object read without keeping its parsed form: for a pass that reads
 * every object once (filing an index), so objects nothing else asks for stay
 * text.
 */
export const peekRecord = (stored: StoredRecord): ResourceRecord =>
  typeof stored === 'string' ? (JSON.parse(stored) as ResourceRecord) : stored;
