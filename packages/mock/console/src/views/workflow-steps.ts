// A workflow run's trace from the mock-only state (GET /__mock/objects/{wfr id}):
// each step with what it was given and what it gave back.
import type { components } from '@persona-kit/client/control-plane';
import { type Child, h, scrollingTable } from '../dom.js';
import { hrefOf } from '../kinds.js';

type RunState = components['schemas']['WorkflowRunState']['state'];
type Step = RunState['steps'][number];

const json = (value: unknown): Child =>
  value === null ||
  value === undefined ||
  (typeof value === 'object' && Object.keys(value).length === 0)
    ? '—'
    : h('pre', { class: 'json' }, JSON.stringify(value, null, 2));

const result = (step: Step): Child =>
  step.error
    ? h(
        'span',
        { class: 'error' },
        step.error.title,
        step.error.details ? `: ${step.error.details}` : '',
      )
    : json(step.output);

/** The run's steps, its trigger payload and the objects it touched, as links where the console shows them. */
export function workflowSteps(runId: string, state: RunState): Child {
  return [
    h('h3', null, 'Steps'),
    state.steps.length === 0
      ? h('p', { class: 'muted' }, 'The run has not taken a step yet.')
      : scrollingTable(
          `Steps of ${runId}`,
          ['Step', 'Type', 'Status', 'Input', 'Output'],
          state.steps.map((step) => [
            h('code', null, step.key),
            step.type,
            h(
              'span',
              { class: `state state-${step.status}`, 'data-testid': `step-${step.key}` },
              step.continuedOnError ? `${step.status} (continued)` : step.status,
            ),
            json(step.input),
            result(step),
          ]),
        ),
    h('h3', null, 'Objects'),
    state.objects.length === 0
      ? h('p', { class: 'muted' }, 'None.')
      : h(
          'ul',
          { class: 'inline' },
          state.objects.map((o) => {
            const href = hrefOf(o.type, o.id);
            return h('li', null, href ? h('a', { href }, o.id) : o.id, ` (${o.type})`);
          }),
        ),
    h('h3', null, 'Trigger payload'),
    json(state.triggerPayload),
  ];
}
