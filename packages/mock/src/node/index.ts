import { setupServer } from 'msw/node';
import { createPersonaMock, type PersonaMock, type PersonaMockOptions } from '../create-mock.js';
import { FileJournal, type JournalOptions } from './journal-storage.js';

export { type MockServer, type MockServerOptions, startMockServer } from '../server/http-server.js';

export type { JournalOptions, SyncMode } from './journal-storage.js';
export { readStoredFiles, type StoredFiles } from './stored-files.js';

/**
 * Stores the mock's data in a snapshot file and a journal beside it: a commit
 * appends the objects it changed (synced before it is answered, unless
 * `sync: 'none'`), and a new snapshot is written in the background once the
 * journal has grown. A file of the older single-file layout is taken over.
 */
export function fileStorage(path: string, options: JournalOptions = {}): FileJournal {
  return new FileJournal(path, options);
}

/** The mock wired to msw's `setupServer`, for Node tests: `server.listen()` in `beforeAll`. */
export function setupPersonaMock(options: PersonaMockOptions = {}): {
  server: ReturnType<typeof setupServer>;
  mock: PersonaMock;
} {
  const mock = createPersonaMock(options);
  return { server: setupServer(...mock.handlers), mock };
}
