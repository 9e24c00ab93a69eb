import { type IndexKey, KeyIndex } from './key-index.js';
import type { RecordMap } from './record-map.js';
import { peekRecord, type StoredRecord, storedRecord } from './stored-record.js';
import type { ResourceRecord } from './types.js';

export type { IndexKey } from './key-index.js';

export interface PageQuery {
  after?: string | undefined;
  before?: string | undefined;
  size: number;
}

export interface Page<T> {
  items: T[];
  hasNewer: boolean;
  hasOlder: boolean;
}

/** Answer texts a collection keeps (`answerText`). */
const ANSWERS_KEPT = 256;

/**
 * The objects of one type in one organization: a map by id (what the store
 * persists), the insertion order (lists answer newest first and page by
 * cursor) and secondary indexes, so a lookup or a page never scans. Objects
 * read from a journal stay text until first used (core/stored-record.ts):
 * every way out of here parses them.
 */
export class Collection<T extends ResourceRecord = ResourceRecord> {
  readonly #records: RecordMap;
  #order: string[];
  /** Index in `#order` of the oldest object still kept (older ones were evicted). */
  #start = 0;
  /**
   * Index in `#order` by id, made when first needed (a cursor, several ids
   * sorted) and kept from then on: a collection only written to and paged
   * from the newest (a create load, the event log) never pays for it.
   */
  #position: Map<string, number> | undefined;
  /** Indexes built so far: each is built on its first lookup and kept in step from then on. */
  readonly #indexes = new Map<string, KeyIndex>();
  /** Every index declared, by name, with the key it files by. */
  readonly #keys = new Map<string, IndexKey>();

  readonly #changed: (id: string) => void;
  /** The answer text last made from some objects, by id, until they change (the latest few). */
  readonly #answers = new Map<string, string>();

  /** `changed`: told the id of every object inserted, changed or removed (a journal's dirty list). */
  constructor(records: RecordMap, changed: (id: string) => void = () => {}) {
    this.#records = records;
    // Every insert, change and eviction passes here: an answer made before it is stale.
    this.#changed = (id) => {
      this.#answers.delete(id);
      changed(id);
    };
    this.#order = [...records.keys()];
  }

  #positions(): Map<string, number> {
    if (!this.#position) {
      this.#position = new Map();
      for (let i = this.#start; i < this.#order.length; i++)
        this.#position.set(this.#order[i] as string, i);
    }
    return this.#position;
  }

  get size(): number {
    return this.#order.length - this.#start;
  }

  /**
   * Forgets the oldest objects, `count` of them: what a bounded log (the
   * events) does to stay within its size.
   */
  evictOldest(count: number): void {
    const end = Math.min(this.#order.length, this.#start + count);
    for (let i = this.#start; i < end; i++) {
      const id = this.#order[i] as string;
      if (this.#indexes.size > 0) {
        const record = peekRecord(this.#records.get(id) as StoredRecord);
        for (const index of this.#indexes.values()) index.remove(record);
      }
      this.#records.delete(id);
      this.#position?.delete(id);
      this.#changed(id);
    }
    this.#start = end;
    // Compact once half the order is dead, so eviction stays linear overall.
    if (this.#start > 1024 && this.#start * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#start);
      this.#start = 0;
      this.#position = undefined;
    }
  }

  /**
   * Declares a secondary index; keys that are null or undefined are not
   * indexed. It is built on its first lookup, so a store loaded with many
   * objects answers what needs no index (a page, a retrieve) without first
   * filing every object.
   */
  index(name: string, key: IndexKey): this {
    this.#keys.set(name, key);
    this.#indexes.delete(name);
    return this;
  }

  #built(name: string): KeyIndex | undefined {
    const built = this.#indexes.get(name);
    if (built) return built;
    const key = this.#keys.get(name);
    if (!key) return undefined;
    const index = new KeyIndex(key);
    // Read, not kept parsed: filing every object must not turn all of them into objects.
    for (let i = this.#start; i < this.#order.length; i++)
      index.add(peekRecord(this.#records.get(this.#order[i] as string) as StoredRecord));
    this.#indexes.set(name, index);
    return index;
  }

  /**
   * The answer text of a stored object, made by `make` the first time and
   * again only after the object changed. A few hundred are kept, the latest
   * made, so answers never hold a second copy of a large store.
   */
  answerText(id: string, make: () => string): string {
    let text = this.#answers.get(id);
    if (text === undefined) {
      text = make();
      if (this.#answers.size >= ANSWERS_KEPT)
        this.#answers.delete(this.#answers.keys().next().value as string);
      this.#answers.set(id, text);
    }
    return text;
  }

  get(id: string): T | undefined {
    return storedRecord(this.#records, id) as T | undefined;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  insert(record: T): T {
    if (this.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.#records.set(record.id, record);
    this.#position?.set(record.id, this.#order.length);
    this.#order.push(record.id);
    for (const index of this.#indexes.values()) index.add(record);
    this.#changed(record.id);
    return record;
  }

  /**
   * Records that a stored object was changed in place, outside `update`: such
   * a change must not touch indexed fields, and without this call it would not
   * reach a journal.
   */
  touch(id: string): void {
    if (!this.has(id)) return;
    // Taken back from its committed text, so the next commit writes the object as changed.
    storedRecord(this.#records, id);
    this.#changed(id);
  }

  /**
   * Applies a change to a stored object and keeps the indexes in step: the
   * only way to change what an index reads (keys are not stored per object,
   * they are read before and after the change).
   */
  update(id: string, change: (record: T) => void): T {
    const record = this.get(id);
    if (!record) throw new Error(`unknown id ${id}`);
    const indexes = [...this.#indexes.values()];
    const before = indexes.map((index) => index.keyOf(record));
    this.#changed(id);
    change(record);
    for (const [i, index] of indexes.entries()) index.rekey(before[i], record);
    return record;
  }

  /** Ids whose index key equals `value`, oldest first. */
  lookup(name: string, value: string): string[] {
    const index = this.#built(name);
    if (!index) throw new Error(`no index ${name}`);
    const found = index.ids(value);
    if (found === undefined) return [];
    if (typeof found === 'string') return [found];
    const position = this.#positions();
    return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
  }

  first(name: string, value: string): T | undefined {
    const found = this.#built(name)?.ids(value);
    if (found === undefined) return undefined;
    if (typeof found === 'string') return this.get(found);
    const position = this.#positions();
    let best: string | undefined;
    for (const id of found) {
      if (best === undefined || position.get(id)! < position.get(best)!) best = id;
    }
    return best === undefined ? undefined : this.get(best);
  }

  /**
   * One page, newest first. `candidates` (oldest first) narrows the list, as an
   * index lookup does; `where` filters what remains.
   */
  page(query: PageQuery, where?: (record: T) => boolean, candidates?: string[]): Page<T> {
    const ids = candidates ?? this.#order;
    const floor = candidates ? 0 : this.#start;
    // Walk from the newest; a cursor starts the walk next to its object.
    let start = ids.length - 1;
    let step = -1;
    if (query.after !== undefined) {
      start = this.#indexIn(ids, query.after, candidates) - 1;
    } else if (query.before !== undefined) {
      start = this.#indexIn(ids, query.before, candidates) + 1;
      step = 1;
    }
    const items: T[] = [];
    let i = start;
    for (; i >= floor && i < ids.length && items.length < query.size; i += step) {
      const record = this.get(ids[i] as string) as T;
      if (!where || where(record)) items.push(record);
    }
    const more = this.#anyFrom(ids, i, step, floor, where);
    const behind = this.#anyFrom(ids, start - step, -step, floor, where);
    if (step === 1) {
      items.reverse();
      return { items, hasNewer: more, hasOlder: behind };
    }
    return { items, hasNewer: behind, hasOlder: more };
  }

  *values(): IterableIterator<T> {
    for (let i = this.#start; i < this.#order.length; i++)
      yield this.get(this.#order[i] as string) as T;
  }

  #anyFrom(
    ids: string[],
    from: number,
    step: number,
    floor: number,
    where?: (record: T) => boolean,
  ): boolean {
    for (let i = from; i >= floor && i < ids.length; i += step) {
      if (!where || where(this.get(ids[i] as string) as T)) return true;
    }
    return false;
  }

  #indexIn(ids: string[], id: string, candidates?: string[]): number {
    if (!candidates) {
      const position = this.#positions().get(id);
      if (position === undefined) throw new CursorError(id);
      return position;
    }
    const at = ids.indexOf(id);
    if (at < 0) throw new CursorError(id);
    return at;
  }
}

/** A page cursor that names no object of the list. */
export class CursorError extends Error {
  constructor(readonly id: string) {
    super(`page cursor ${id} names no object in this list`);
  }
}
