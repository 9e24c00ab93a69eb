import type { ResourceRecord } from './types.js';

export type IndexKey = (record: ResourceRecord) => string | null | undefined;

/**
 * A secondary index of a collection: ids filed by one key read from each
 * object. One id is kept as a string, several as a Set: most keys (reference
 * ids) name one object.
 */
export class KeyIndex {
  readonly #ids = new Map<string, string | Set<string>>();

  constructor(readonly key: IndexKey) {}

  /** The key a record is filed under; null and undefined keys file nothing. */
  keyOf(record: ResourceRecord): string | undefined {
    return this.key(record) ?? undefined;
  }

  /** The ids filed under `value`: none, one, or a set of several. */
  ids(value: string): string | Set<string> | undefined {
    return this.#ids.get(value);
  }

  add(record: ResourceRecord): void {
    this.#file(this.keyOf(record), record.id);
  }

  remove(record: ResourceRecord): void {
    this.#unfile(this.keyOf(record), record.id);
  }

  /** Refiles a record whose key was `before` its change. */
  rekey(before: string | undefined, record: ResourceRecord): void {
    if (before === this.keyOf(record)) return;
    this.#unfile(before, record.id);
    this.add(record);
  }

  #file(key: string | undefined, id: string): void {
    if (key === undefined) return;
    const found = this.#ids.get(key);
    if (found === undefined) this.#ids.set(key, id);
    else if (typeof found === 'string') {
      if (found !== id) this.#ids.set(key, new Set([found, id]));
    } else found.add(id);
  }

  #unfile(key: string | undefined, id: string): void {
    const found = key === undefined ? undefined : this.#ids.get(key);
    if (found === id) this.#ids.delete(key as string);
    else if (found instanceof Set) {
      found.delete(id);
      if (found.size === 1) this.#ids.set(key as string, found.values().next().value as string);
    }
  }
}
