import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { MockData } from '../core/store.js';
import { recordText } from '../core/stored-record.js';
import { answerLine, deliveryLine, orgLine } from './journal-lines.js';
import { LineWriter } from './record-line.js';
import { syncDirectory } from './sync-directory.js';

/**
 * Marks a snapshot of the journaled layout. `@2` is JSON lines (a header, then
 * the journal's own lines for every organization, object, answer and
 * delivery, then a closing `{"commit":0}`); `@1` was one JSON document, and is
 * still read. A bare `persona-kit-mock@1` document is the older single file.
 */
export const snapshotLayout = 'persona-kit-mock-snapshot@2';
export const snapshotLayoutV1 = 'persona-kit-mock-snapshot@1';

/** The first line of a snapshot. */
export interface SnapshotHeader {
  layout: typeof snapshotLayout;
  /** The first journal to replay over it: `<file>.journal.<generation>` and later ones. */
  generation: number;
  format: MockData['format'];
}

/** The one-document snapshot earlier versions wrote. */
export interface SnapshotV1 {
  layout: typeof snapshotLayoutV1;
  generation: number;
  data: MockData;
}

/** Work done between two yields to the event loop, so answers keep flowing while a snapshot is written. */
const SLICE_MS = 4;
const FLUSH_BYTES = 256 * 1024;
/** Lines written between two looks at the clock. */
const LINES_PER_LOOK = 64;

/**
 * Writes the document as a snapshot, a record at a time, yielding to the event
 * loop every few milliseconds. The document may change meanwhile: every change
 * made after the journal's rotation is also in the new journal, whose replay
 * brings each object to its latest value, so a snapshot that caught some of
 * those changes is still right. A temporary file renamed into place means a
 * crash leaves the old snapshot or the new one, whole.
 */
export async function writeSnapshot(
  path: string,
  data: MockData,
  generation: number,
  sync: boolean,
): Promise<number> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    // Lines go straight into bytes, as a commit's do; the loop awaits only to write or to yield.
    const out = new LineWriter();
    let lines = 0;
    let sliceStart = performance.now();
    /** After each line: whether to write what has gathered or look at the clock. */
    const due = () => out.size >= FLUSH_BYTES || ++lines % LINES_PER_LOOK === 0;
    /** Writes what has gathered, or lets answers through once the slice is spent. */
    const pause = async () => {
      if (out.size >= FLUSH_BYTES) {
        const chunk = out.take();
        bytes += chunk.length;
        await handle.write(chunk);
        sliceStart = performance.now();
      } else if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
    };
    const header: SnapshotHeader = { layout: snapshotLayout, generation, format: data.format };
    out.line(JSON.stringify(header));
    for (const orgId of Object.keys(data.orgs)) {
      const org = data.orgs[orgId];
      if (!org) continue; // forgotten while the snapshot was written: the journal says so
      out.line(orgLine(org));
      for (const name of Object.keys(org.collections)) {
        const records = org.collections[name];
        if (!records) continue;
        // A map's iterator is live across the pauses: it skips what is removed
        // meanwhile and reaches what is added, which the journal after the
        // snapshot holds too. At most as many objects as the map held at the
        // start are written, so a create load cannot keep a snapshot going.
        let left = records.size;
        for (const [id, record] of records) {
          if (left-- === 0) break;
          out.record(orgId, name, id, recordText(record));
          if (due()) await pause();
        }
      }
      for (const answer of Object.keys(org.idempotency)) {
        const entry = org.idempotency[answer];
        if (entry) out.line(answerLine(orgId, answer, entry));
        if (due()) await pause();
      }
      for (const delivery of Object.keys(org.deliveries ?? {})) {
        const entry = org.deliveries?.[delivery];
        if (entry) out.line(deliveryLine(orgId, delivery, entry));
        if (due()) await pause();
      }
    }
    out.line('{"commit":0}');
    const tail = out.take();
    bytes += tail.length;
    await handle.write(tail);
    if (sync) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  if (sync) await syncDirectory(dirname(path));
  return bytes;
}
