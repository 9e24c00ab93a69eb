import type { ResourceRecord } from './types.js';

/**
 * A committed object kept as the text a journal wrote it as, and the object
 * itself only while something else still holds it: a create load leaves text
 * behind (less memory, and a snapshot copies it without serializing again),
 * while whoever still holds the object keeps getting that same object.
 */
export class CommittedText {
  readonly #held: WeakRef<ResourceRecord>;

  constructor(
    readonly text: string,
    record: ResourceRecord,
  ) {
    this.#held = new WeakRef(record);
  }

  /** The object, the held one while it lives, else parsed from the text. */
  record(): ResourceRecord {
    return this.#held.deref() ?? (JSON.parse(this.text) as ResourceRecord);
  }

  /** Serialized as the object it stands for, should a whole document be. */
  toJSON(): ResourceRecord {
    return this.record();
  }
}

/**
 * A stored object, or the JSON text it was read from disk as (or committed
 * as). A journaled store starts with every object as text: a string costs
 * less memory than the objects it parses into, and taking it from the file
 * costs no parse. The text is parsed, once, the first time something uses the
 * object, and the object is kept from then on until a commit writes it.
 */
export type StoredRecord = ResourceRecord | string | CommittedText;

/** The object stored under `id`, parsed in place if it is still text. */
export function storedRecord(
  records: Map<string, StoredRecord>,
  id: string,
): ResourceRecord | undefined {
  const found = records.get(id);
  if (typeof found === 'string') {
    const parsed = JSON.parse(found) as ResourceRecord;
    records.set(id, parsed);
    return parsed;
  }
  if (found instanceof CommittedText) {
    const record = found.record();
    records.set(id, record);
    return record;
  }
  return found;
}

/** A stored object's JSON text, as it is written to disk. */
export const recordText = (stored: StoredRecord): string =>
  typeof stored === 'string'
    ? stored
    : stored instanceof CommittedText
      ? stored.text
      : JSON.stringify(stored);

/**
 * The text a commit writes for the object under `id`, which is kept as that
 * text from then on, until it is used again. Every change to a stored object
 * goes through its collection, which takes the object back first, so the text
 * kept is never older than the object.
 */
export function commitText(records: Map<string, StoredRecord>, id: string): string | undefined {
  const found = records.get(id);
  if (found === undefined || typeof found === 'string') return found;
  if (found instanceof CommittedText) return found.text;
  const text = JSON.stringify(found);
  records.set(id, new CommittedText(text, found));
  return text;
}

/**
 * A stored object read without keeping its parsed form: for a pass that reads
 * every object once (filing an index), so objects nothing else asks for stay
 * text.
 */
export const peekRecord = (stored: StoredRecord): ResourceRecord =>
  typeof stored === 'string'
    ? (JSON.parse(stored) as ResourceRecord)
    : stored instanceof CommittedText
      ? stored.record()
      : stored;
