import { open } from 'node:fs/promises';

/** Makes a file's creation or rename durable: the directory entry is data too. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot sync a directory; the rename itself still happened.
  } finally {
    await handle.close();
  }
}
