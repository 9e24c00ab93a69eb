import type { FileHandle } from 'node:fs/promises';
import { open, readdir, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ChangeSet } from '../core/changes.js';
import { emptyData, type JournaledStorage, type MockData } from '../core/store.js';
import { encodeCommit } from './journal-lines.js';
import { writeSnapshot } from './snapshot.js';
import { journalFile, journalGenerations, readStoredFiles } from './stored-files.js';
import { syncDirectory } from './sync-directory.js';

export type SyncMode = 'always' | 'none';

export interface JournalOptions {
  /** `always` (the default): a commit is on disk (fdatasync) before it is acknowledged; `none` leaves it to the OS. */
  sync?: SyncMode;
  /** A new snapshot is written once the journal outgrows this share of the snapshot (default 0.5)... */
  compactShare?: number;
  /** ...and this many bytes (default 4 MiB), so a small store is not rewritten over and over. */
  compactMinBytes?: number;
  /** Told when a compaction ends: how long it took and the snapshot's size (or why it failed). */
  onCompaction?: (report: { ms: number; bytes: number } | { error: Error }) => void;
}

/**
 * File layout (see the README): `<file>` is a snapshot naming a journal
 * generation; `<file>.journal.<n>` are JSON lines of commits since, replayed in
 * order of `n` on start-up.
 */
export class FileJournal implements JournaledStorage {
  readonly kind = 'journal';
  readonly #path: string;
  readonly #sync: boolean;
  readonly #share: number;
  readonly #minBytes: number;
  readonly #onCompaction: JournalOptions['onCompaction'];
  #data: MockData | null = null;
  #handle: FileHandle | null = null;
  /** Generation of the journal being appended to. */
  #generation = 0;
  #fileBytes = 0;
  /** Journal bytes written since the current snapshot began. */
  #journalBytes = 0;
  #snapshotBytes = 0;
  #sequence = 0;
  #lock: Promise<unknown> = Promise.resolve();
  #compaction: Promise<void> | null = null;
  #broken: Error | null = null;

  constructor(path: string, options: JournalOptions = {}) {
    this.#path = path;
    this.#sync = (options.sync ?? 'always') === 'always';
    this.#share = options.compactShare ?? 0.5;
    this.#minBytes = options.compactMinBytes ?? 4 * 1024 * 1024;
    this.#onCompaction = options.onCompaction;
  }

  journalFile(generation: number): string {
    return journalFile(this.#path, generation);
  }

  async load(): Promise<MockData> {
    const read = await readStoredFiles(this.#path);
    const { document, generation, single, journals, last } = read;
    this.#snapshotBytes = read.snapshotBytes;
    this.#journalBytes = read.journalBytes;
    this.#sequence = read.sequence;
    this.#data = document;
    if (read.fresh || single) {
      // A fresh store, or the single file of older versions: start the journaled layout now.
      const next = Math.max(generation, ...journals) + 1;
      this.#snapshotBytes = await writeSnapshot(this.#path, document, next, this.#sync);
      this.#generation = next;
      this.#journalBytes = 0;
      await this.#removeJournalsBefore(next);
      await this.#openJournal(next, 0);
      return document;
    }
    // Journals older than the snapshot, and half-written snapshots, are leftovers of a compaction cut short.
    await this.#removeJournalsBefore(generation);
    await removeUnfinishedSnapshots(this.#path);
    if (last) {
      if (last.size > last.committed) {
        // A commit cut short by a crash: never acknowledged, so it goes.
        const handle = await open(this.journalFile(last.generation), 'r+');
        await handle.truncate(last.committed);
        await handle.sync();
        await handle.close();
      }
      await this.#openJournal(last.generation, last.committed);
    } else {
      await this.#openJournal(generation, 0);
    }
    this.#compactIfDue();
    return document;
  }

  async commit(data: MockData, changes: ChangeSet): Promise<void> {
    this.#data = data;
    if (changes.empty) return;
    const text = encodeCommit(data, changes, ++this.#sequence);
    await this.#exclusive(() => this.#append(text));
    this.#compactIfDue();
  }

  /** Waits for a running compaction and closes the journal. */
  async close(): Promise<void> {
    await this.#compaction;
    await this.#exclusive(async () => {
      await this.#handle?.close();
      this.#handle = null;
    });
  }

  /** Writes a snapshot now (tests and benchmarks; it also runs on its own). */
  compact(): Promise<void> {
    this.#compaction ??= this.#compact().finally(() => {
      this.#compaction = null;
    });
    return this.#compaction;
  }

  #compactIfDue(): void {
    if (this.#compaction || this.#broken) return;
    if (this.#journalBytes < Math.max(this.#minBytes, this.#snapshotBytes * this.#share)) return;
    this.compact().catch(() => undefined);
  }

  async #compact(): Promise<void> {
    const started = performance.now();
    try {
      // Commits from here on go to a new journal, replayed over the new snapshot.
      const next = await this.#exclusive(async () => {
        const generation = this.#generation + 1;
        await this.#handle?.close();
        this.#handle = null;
        await this.#openJournal(generation, 0);
        this.#journalBytes = 0;
        return generation;
      });
      const bytes = await writeSnapshot(this.#path, this.#data ?? emptyData(), next, this.#sync);
      this.#snapshotBytes = bytes;
      await this.#removeJournalsBefore(next);
      this.#onCompaction?.({ ms: performance.now() - started, bytes });
    } catch (error) {
      // The older snapshot and every journal since are still there: nothing is lost.
      this.#onCompaction?.({ error: error as Error });
      throw error;
    }
  }

  async #append(text: Buffer): Promise<void> {
    if (this.#broken) throw this.#broken;
    const handle = this.#handle;
    if (!handle) throw new Error(`${this.#path}: the journal is closed`);
    try {
      await handle.write(text);
      if (this.#sync) await handle.datasync();
    } catch (error) {
      // Take back a partial write, so the next commit starts on a clean line.
      await handle.truncate(this.#fileBytes).catch((cause: Error) => {
        this.#broken = new Error(
          `${this.journalFile(this.#generation)}: cannot write (${cause.message})`,
        );
      });
      throw error;
    }
    this.#fileBytes += text.length;
    this.#journalBytes += text.length;
  }

  async #openJournal(generation: number, size: number): Promise<void> {
    this.#handle = await open(this.journalFile(generation), 'a');
    if (size === 0 && this.#sync) await syncDirectory(dirname(this.#path));
    this.#generation = generation;
    this.#fileBytes = size;
  }

  #journalGenerations(): Promise<number[]> {
    return journalGenerations(this.#path);
  }

  async #removeJournalsBefore(generation: number): Promise<void> {
    for (const n of await this.#journalGenerations()) {
      if (n < generation) await unlink(this.journalFile(n));
    }
  }

  /** Appends and journal switches one at a time. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(work, work);
    this.#lock = run.catch(() => undefined);
    return run;
  }
}

/** Temporary snapshot files (`<file>.<pid>.tmp`) a killed process left behind. */
async function removeUnfinishedSnapshots(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) {
      await unlink(`${dirname(path)}/${name}`).catch(() => undefined);
    }
  }
}
