import type { Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { setupServer } from 'msw/node';
import type { MockData } from '../core/store.js';
import { createPersonaMock, type PersonaMock, type PersonaMockOptions } from '../create-mock.js';

export { type MockServer, type MockServerOptions, startMockServer } from '../server/http-server.js';

/**
 * Stores the mock's data in a JSON file. Every write replaces the file
 * atomically (a temporary file, then a rename), so a crash leaves either the
 * old or the new content, never half of one.
 */
export function fileStorage(path: string): Adapter<MockData> {
  return new DataFile<MockData>(path, {
    parse: JSON.parse,
    stringify: (data) => JSON.stringify(data),
  });
}

/** The mock wired to msw's `setupServer`, for Node tests: `server.listen()` in `beforeAll`. */
export function setupPersonaMock(options: PersonaMockOptions = {}): {
  server: ReturnType<typeof setupServer>;
  mock: PersonaMock;
} {
  const mock = createPersonaMock(options);
  return { server: setupServer(...mock.handlers), mock };
}
