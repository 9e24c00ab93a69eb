import { createPersonaClient } from '@persona-kit/client';
import { createControlPlaneClient } from '@persona-kit/client/control-plane';
import { seedIds } from '@persona-kit/mock';
import { setupPersonaWorker } from '@persona-kit/mock/browser';
import { mountApp } from './app.js';
import { mockStatusChoices } from './mock-statuses.js';
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
const apiKey = 'persona_sandbox_example_frontend';
const persona = createPersonaClient({ apiKey, baseUrl: `${location.origin}/api/v1` });
// The mock's own configuration (the Set status action's statuses) is on its control plane.
const controlPlane = createControlPlaneClient({ apiKey, baseUrl: location.origin });

mountApp(document.querySelector<HTMLElement>('#app')!, {
  api: personaApi(persona, {
    setStatusActionId: seedIds.accountActions.setStatus,
    reviewCaseTemplateId: seedIds.caseTemplates.review,
  }),
  statusChoices: () => mockStatusChoices(controlPlane, seedIds.accountActions.setStatus),
  reset: () => mock.reset(),
});
