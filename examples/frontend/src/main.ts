import { createPersonaClient } from '@persona-kit/client';
import { createControlPlaneClient } from '@persona-kit/client/control-plane';
import { seedIds } from '@persona-kit/mock';
import { mountApp } from './app.js';
import { mockStatusChoices } from './mock-statuses.js';
import { personaApi } from './persona.js';
import './style.css';
import { startBackend } from './backend.js';

// Any key works with the mock; each key is its own organization.
const apiKey = 'persona_sandbox_example_frontend';
const backend = await startBackend(apiKey);
const persona = createPersonaClient({ apiKey, baseUrl: `${location.origin}/api/v1` });
// The mock's own configuration (the Set status action's statuses) is on its control plane.
const controlPlane = createControlPlaneClient({ apiKey, baseUrl: location.origin });

mountApp(document.querySelector<HTMLElement>('#app')!, {
  api: personaApi(persona, {
    setStatusActionId: seedIds.accountActions.setStatus,
    reviewCaseTemplateId: seedIds.caseTemplates.review,
    verifyInquiryTemplateId: seedIds.inquiryTemplates.governmentId,
    verificationTemplateId: seedIds.verificationTemplates.governmentId,
  }),
  statusChoices: () => mockStatusChoices(controlPlane, seedIds.accountActions.setStatus),
  ...backend,
});
