import { createPersonaClient } from '@persona-kit/client';
import { seedIds } from '@persona-kit/mock';
import { setupPersonaWorker } from '@persona-kit/mock/browser';
import { mountApp } from './app.js';
import { personaApi } from './persona.js';
import './style.css';

// The mock answers `*/api/v1` in this tab; other requests (the app's own files) pass through.
const { worker, mock } = setupPersonaWorker();
await worker.start({
  serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  onUnhandledRequest: 'bypass',
  quiet: true,
});

// Any key works with the mock; each key is its own organization.
const persona = createPersonaClient({
  apiKey: 'persona_sandbox_example_frontend',
  baseUrl: `${location.origin}/api/v1`,
});

mountApp(document.querySelector<HTMLElement>('#app')!, {
  api: personaApi(persona, {
    setStatusActionId: seedIds.accountActions.setStatus,
    reviewCaseTemplateId: seedIds.caseTemplates.review,
  }),
  accountTypeId: seedIds.accountTypes.user,
  reset: () => mock.reset(),
});
