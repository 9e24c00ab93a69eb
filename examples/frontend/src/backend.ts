import { setupPersonaWorker } from '@persona-kit/mock/browser';
import type { VerifyMode } from './verification.js';

export interface Backend {
  /** What the page says about where Persona is. */
  backend: string;
  verify: VerifyMode;
  reset?: () => Promise<void>;
}

/**
 * Where the page's Persona is. Served with PERSONA_MOCK_URL set, Vite
 * forwards /api/v1 and /__mock/ to that persona-mock server: the page uses
 * it, hosted flow and all. Otherwise the mock runs in this tab in msw's
 * service worker, which answers fetch calls but not a page opened in a new
 * tab, so the flow is simulated.
 */
export async function startBackend(apiKey: string): Promise<Backend> {
  if (await mockServerBehindProxy(apiKey)) {
    return {
      backend: 'Persona API from the persona-mock server; the verification opens its flow page.',
      verify: 'hosted-flow',
    };
  }
  // The mock answers `*/api/v1` in this tab; other requests (the app's own files) pass through.
  const { worker, mock } = setupPersonaWorker();
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return {
    backend: 'Persona API mocked in this browser tab; data is kept in localStorage.',
    verify: 'simulate',
    reset: () => mock.reset(),
  };
}

/** Whether /__mock/ answers as a mock (JSON), rather than Vite's page for any unknown path. */
async function mockServerBehindProxy(apiKey: string): Promise<boolean> {
  try {
    const response = await fetch('/__mock/state', {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}
