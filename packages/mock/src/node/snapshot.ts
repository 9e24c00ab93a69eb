import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { MockData } from '../core/store.js';
import { syncDirectory } from './sync-directory.js';

/** Marks a snapshot of the journaled layout (a bare `persona-kit-mock@1` document is the older single file). */
export const snapshotLayout = 'persona-kit-mock-snapshot@1';

export interface Snapshot {
  layout: typeof snapshotLayout;
  /** The first journal to replay over it: `<file>.journal.<generation>` and later ones. */
  generation: number;
  data: MockData;
}

/** Records, answers or deliveries by id as one JSON object, an entry at a time. */
async function pushEntries(
  entries: Record<string, unknown>,
  push: (text: string) => Promise<void>,
): Promise<void> {
  let first = true;
  await push('{');
  for (const key of Object.keys(entries)) {
    const entry = entries[key];
    if (!entry) continue;
    await push(`${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(entry)}`);
    first = false;
  }
  await push('}');
}

/** Work done between two yields to the event loop, so answers keep flowing while a snapshot is written. */
const SLICE_MS = 4;
const FLUSH_BYTES = 256 * 1024;

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
    let parts: string[] = [];
    let pending = 0;
    let sliceStart = performance.now();
    const push = async (text: string) => {
      parts.push(text);
      pending += text.length;
      if (pending >= FLUSH_BYTES) {
        const chunk = Buffer.from(parts.join(''));
        parts = [];
        pending = 0;
        bytes += chunk.length;
        await handle.write(chunk);
        sliceStart = performance.now();
      } else if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
    };
    await push(
      `{"layout":"${snapshotLayout}","generation":${generation},"data":{"format":${JSON.stringify(data.format)},"orgs":{`,
    );
    let firstOrg = true;
    for (const orgId of Object.keys(data.orgs)) {
      const org = data.orgs[orgId];
      if (!org) continue; // forgotten while the snapshot was written: the journal says so
      await push(
        `${firstOrg ? '' : ','}${JSON.stringify(orgId)}:{"id":${JSON.stringify(org.id)},"plan":${JSON.stringify(org.plan)},"createdAt":${JSON.stringify(org.createdAt)},${org.clock ? `"clock":${JSON.stringify(org.clock)},` : ''}"collections":{`,
      );
      firstOrg = false;
      let firstCollection = true;
      for (const name of Object.keys(org.collections)) {
        await push(`${firstCollection ? '' : ','}${JSON.stringify(name)}:`);
        firstCollection = false;
        await pushEntries(org.collections[name] ?? {}, push);
      }
      await push('},"idempotency":');
      await pushEntries(org.idempotency, push);
      if (org.deliveries) {
        await push(',"deliveries":');
        await pushEntries(org.deliveries, push);
      }
      await push('}');
    }
    const tail = Buffer.from(`${parts.join('')}}}}\n`);
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
