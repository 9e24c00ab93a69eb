import type { Adapter } from 'lowdb';
import { LocalStorage } from 'lowdb/browser';
import { setupWorker } from 'msw/browser';
import type { MockData } from '../core/store.js';
import { createPersonaMock, type PersonaMock, type PersonaMockOptions } from '../create-mock.js';

/** Keeps the mock's data in localStorage, so it survives a page reload. */
export function localStorageStorage(key = 'persona-kit-mock'): Adapter<MockData> {
  const storage = new LocalStorage<MockData>(key);
  return { read: async () => storage.read(), write: async (data) => storage.write(data) };
}

/**
 * The mock wired to msw's service worker. Serve msw's worker script first
 * (`npx msw init public/`), then `await worker.start()` before the app renders.
 */
export function setupPersonaWorker(options: PersonaMockOptions = {}): {
  worker: ReturnType<typeof setupWorker>;
  mock: PersonaMock;
} {
  const mock = createPersonaMock({ storage: localStorageStorage(), ...options });
  return { worker: setupWorker(...mock.handlers), mock };
}
