// Persona's sandbox buttons on an inquiry's page: each sends one simulate
// action (POST /inquiries/{id}/perform-simulate-actions), as if the person
// went through the flow. The page itself refreshes from the event stream.
import { describe, must, type Resource } from '../connection.js';
import { type Child, h } from '../dom.js';
import type { Context } from '../view.js';

interface Action {
  type: string;
  label: string;
  /** Runs a verification: needs the chosen verification template. */
  verifies?: boolean;
}

const ACTIONS: Action[] = [
  { type: 'start_inquiry', label: 'Start' },
  { type: 'create_passed_verification', label: 'Pass a verification', verifies: true },
  { type: 'create_failed_verification', label: 'Fail a verification', verifies: true },
  { type: 'complete_inquiry', label: 'Complete' },
  { type: 'approve_inquiry', label: 'Approve' },
  { type: 'decline_inquiry', label: 'Decline' },
];

/** The simulate-action buttons of one inquiry; `done` runs after each accepted action. */
export function inquiryActions(context: Context, inquiryId: string, done: () => void): Child {
  const { connection } = context;
  const template = h('select', {
    id: 'verification-template',
    'data-testid': 'verification-template',
  });
  const outcome = h('p', { class: 'outcome', role: 'status', 'data-testid': 'simulate-outcome' });

  // The seed's verification templates; those of the inquiry's template first.
  void (async () => {
    try {
      const [seed, inquiry] = await Promise.all([
        must(connection.control.GET('/__mock/seed')),
        connection.api<{ data: Resource }>(`/inquiries/${encodeURIComponent(inquiryId)}`),
      ]);
      const templateId = (
        inquiry.data.relationships?.['inquiry-template']?.data as { id?: string } | undefined
      )?.id;
      const own = new Set(
        seed.inquiryTemplates.find((t) => t.id === templateId)?.verificationTemplateIds ?? [],
      );
      const options = [...seed.verificationTemplates].sort(
        (a, b) => Number(own.has(b.id)) - Number(own.has(a.id)),
      );
      template.replaceChildren(
        ...options.map((t) =>
          h('option', { value: t.id }, `${t.name ?? t.id} (${t.verificationType})`),
        ),
      );
    } catch (error) {
      outcome.textContent = `Reading the verification templates failed: ${describe(error)}`;
    }
  })();

  const send = async (action: Action, button: HTMLButtonElement) => {
    const data = action.verifies ? { 'verification-template-id': template.value } : undefined;
    button.disabled = true;
    try {
      const answer = await connection.post<{ data: Resource }>(
        `/inquiries/${encodeURIComponent(inquiryId)}/perform-simulate-actions`,
        { meta: { 'simulate-actions': [{ type: action.type, ...(data ? { data } : {}) }] } },
      );
      outcome.textContent = `${action.label}: the inquiry is ${String(answer.data.attributes.status)}.`;
      outcome.className = 'outcome';
      done();
    } catch (error) {
      outcome.textContent = `${action.label} refused: ${describe(error)}`;
      outcome.className = 'outcome error';
    } finally {
      button.disabled = false;
    }
  };

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'simulate-title' },
    h('h2', { id: 'simulate-title' }, 'Simulate'),
    h(
      'p',
      { class: 'muted' },
      "Persona's sandbox actions: each moves this inquiry as the person's flow would, and its events, workflows and webhooks follow.",
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'verification-template' }, 'Verification template'),
      template,
    ),
    h(
      'div',
      { class: 'row' },
      ACTIONS.map((action) => {
        const button = h(
          'button',
          { type: 'button', 'data-testid': `simulate-${action.type}` },
          action.label,
        );
        button.addEventListener('click', () => void send(action, button));
        return button;
      }),
    ),
    outcome,
  );
}
