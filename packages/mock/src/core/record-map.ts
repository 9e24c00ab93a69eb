import type { StoredRecord } from './stored-record.js';

/**
 * One collection's objects by id. A Map rather than a plain object: with
 * 100,000 ids, every id added to an object's property table is interned
 * first, and an insert costs about twice what a Map's does. It is written to
 * JSON as the plain object that lowdb's documents and older files hold.
 */
export class RecordMap extends Map<string, StoredRecord> {
  toJSON(): Record<string, StoredRecord> {
    const out: Record<string, StoredRecord> = {};
    for (const [id, record] of this) out[id] = record;
    return out;
  }
}

/** The objects of a collection as read from JSON (a plain object), as a map; a map is kept as it is. */
export function recordMapOf(read: RecordMap | Record<string, StoredRecord>): RecordMap {
  if (read instanceof RecordMap) return read;
  const records = new RecordMap();
  for (const id of Object.keys(read)) records.set(id, read[id] as StoredRecord);
  return records;
}
