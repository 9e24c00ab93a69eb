// The mock's levers: the organization's plan and clock, faults for every
// request, and a reset back to the seed.
import type { components } from '@persona-kit/client/control-plane';
import { describe, must } from '../connection.js';
import { type Child, fill, h, time } from '../dom.js';
import { type Context, page, type View } from '../view.js';
import { accountImport } from './account-import.js';

type Faults = components['schemas']['Faults'];
type FaultsPatch = components['schemas']['FaultsPatch'];
type Plan = components['schemas']['Plan'];

const PLANS: Plan[] = ['startup', 'essential', 'growth', 'enterprise'];

const field = (id: string, label: string, input: HTMLElement, help?: string): Child =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    help ? h('p', { class: 'muted', id: `${id}-help` }, help) : null,
  );

/** A form whose submit runs `act` with the pressed button's value, reports the outcome in its own status line, and keeps focus. */
/** A text box for a number: the keyboard of `inputmode`, an example as placeholder. */
const numberInput = (id: string, placeholder: string, inputmode = 'numeric') =>
  h('input', { id, type: 'text', inputmode, placeholder });

function actionForm(
  label: string,
  act: (action: string | undefined) => Promise<string>,
  ...children: Child[]
) {
  const outcome = h('p', { class: 'outcome', role: 'status' });
  return h(
    'form',
    {
      class: 'card',
      'aria-label': label,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        for (const b of Array.from(form.querySelectorAll('button'))) b.disabled = true;
        try {
          outcome.textContent = await act(submitter?.value);
          outcome.className = 'outcome';
        } catch (error) {
          outcome.textContent = describe(error);
          outcome.className = 'outcome error';
        } finally {
          for (const b of Array.from(form.querySelectorAll('button'))) b.disabled = false;
        }
      },
    },
    children,
    outcome,
  );
}

export function controlsView(context: Context): View {
  const { control } = context.connection;

  // Plan
  const plan = h(
    'select',
    { id: 'plan', 'data-testid': 'plan' },
    PLANS.map((p) => h('option', { value: p }, p)),
  );
  void must(control.GET('/__mock/state')).then((state) => {
    plan.value = state.plan;
  });
  const planForm = actionForm(
    'Plan',
    async () => {
      const answer = await must(
        control.PUT('/__mock/plan', { body: { plan: plan.value as Plan } }),
      );
      return `The organization is on the ${answer.plan} plan.`;
    },
    h('h2', null, 'Plan'),
    field('plan', 'Persona plan of this organization', plan),
    h('button', { type: 'submit', 'data-testid': 'plan-apply' }, 'Change plan'),
  );

  // Clock
  const now = h('p', { 'data-testid': 'clock-now' }, '…');
  const showClock = (clock: { now: string; frozen: boolean }) =>
    fill(now, 'Now ', time(clock.now), clock.frozen ? ' (frozen)' : ' (running)');
  void must(control.GET('/__mock/clock')).then(showClock);
  const advance = h('input', {
    id: 'clock-advance',
    type: 'text',
    placeholder: '15m',
    'aria-describedby': 'clock-advance-help',
  });
  const setTo = h('input', { id: 'clock-set', type: 'text', placeholder: '2025-03-04T10:20:31Z' });
  const clockChange = async (body: components['schemas']['ClockChange']) => {
    const clock = await must(control.POST('/__mock/clock', { body }));
    showClock(clock);
    return `The clock reads ${new Date(clock.now).toLocaleString()}${clock.frozen ? ', frozen' : ''}.`;
  };
  const clockForm = actionForm(
    'Clock',
    async (action) => {
      if (action === 'freeze') return clockChange({ freeze: true });
      if (action === 'run') return clockChange({ freeze: false });
      if (action === 'set') return clockChange({ set: setTo.value.trim() });
      return clockChange({ advance: advance.value.trim() });
    },
    h('h2', null, 'Clock'),
    now,
    field(
      'clock-advance',
      'Move forward by',
      advance,
      'A duration such as 90s, 15m, 25h or 2d. Webhook retries due by then go out.',
    ),
    h(
      'button',
      { type: 'submit', value: 'advance', 'data-testid': 'clock-advance' },
      'Move forward',
    ),
    field('clock-set', 'Set to', setTo),
    h('button', { type: 'submit', value: 'set' }, 'Set the clock'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', value: 'freeze' }, 'Freeze'),
      h('button', { type: 'submit', value: 'run' }, 'Let it run'),
    ),
  );

  // Faults: they apply to every organization of this mock.
  const latency = numberInput('fault-latency', '250 or 100-400');
  const errorRate = numberInput('fault-error-rate', '0.1', 'decimal');
  const errorStatus = h(
    'select',
    { id: 'fault-error-status' },
    h('option', { value: '' }, 'default (503)'),
    ['500', '502', '503'].map((s) => h('option', { value: s }, s)),
  );
  const rateLimit = numberInput('fault-rate-limit', '100');
  const rateWindow = numberInput('fault-rate-window', '60000');
  const showFaults = (faults: Faults) => {
    latency.value = Array.isArray(faults.latency)
      ? faults.latency.join('-')
      : (faults.latency?.toString() ?? '');
    errorRate.value = faults.errorRate?.toString() ?? '';
    errorStatus.value = faults.errorStatus?.toString() ?? '';
    rateLimit.value = faults.rateLimit?.limit.toString() ?? '';
    rateWindow.value = faults.rateLimit?.windowMs?.toString() ?? '';
  };
  void must(control.GET('/__mock/faults')).then(showFaults);
  const number = (input: HTMLInputElement, what: string) => {
    const n = Number(input.value.trim());
    if (Number.isNaN(n)) throw new Error(`${what} must be a number`);
    return n;
  };
  const faultsPatch = (): FaultsPatch => {
    const range = latency.value.trim().split(/\s*-\s*/);
    return {
      latency:
        latency.value.trim() === ''
          ? null
          : range.length === 2
            ? [Number(range[0]), Number(range[1])]
            : number(latency, 'Latency'),
      errorRate: errorRate.value.trim() === '' ? null : number(errorRate, 'Error rate'),
      errorStatus: errorStatus.value === '' ? null : (Number(errorStatus.value) as 500 | 502 | 503),
      rateLimit:
        rateLimit.value.trim() === ''
          ? null
          : {
              limit: number(rateLimit, 'Rate limit'),
              ...(rateWindow.value.trim() ? { windowMs: number(rateWindow, 'Window') } : {}),
            },
    };
  };
  const faultsForm = actionForm(
    'Faults',
    async (action) => {
      const faults =
        action === 'clear'
          ? await must(control.PUT('/__mock/faults', { body: {} }))
          : await must(control.PATCH('/__mock/faults', { body: faultsPatch() }));
      showFaults(faults);
      const on = Object.keys(faults);
      return on.length === 0
        ? 'No faults: every request is answered as usual.'
        : `In force: ${on.join(', ')}.`;
    },
    h('h2', null, 'Faults'),
    h(
      'p',
      { class: 'muted' },
      'For every organization of this mock, this console included. Leave a field empty to turn it off.',
    ),
    field('fault-latency', 'Added latency (ms, or a range min-max)', latency),
    field('fault-error-rate', 'Error rate (0 to 1)', errorRate),
    field('fault-error-status', 'Status of injected errors', errorStatus),
    field('fault-rate-limit', 'Requests allowed per key and window', rateLimit),
    field('fault-rate-window', 'Window (ms)', rateWindow),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', value: 'apply' }, 'Apply faults'),
      h('button', { type: 'submit', value: 'clear' }, 'Clear all faults'),
    ),
  );

  // Reset: a second press confirms, so a stray Enter does not wipe the organization.
  let armed = false;
  const resetButton = h(
    'button',
    { type: 'submit', class: 'danger', 'data-testid': 'reset' },
    'Reset this organization',
  );
  const resetForm = actionForm(
    'Reset',
    async () => {
      if (!armed) {
        armed = true;
        resetButton.textContent = 'Press again to reset';
        return 'Every record of this organization will go, and the seed comes back.';
      }
      armed = false;
      resetButton.textContent = 'Reset this organization';
      await must(control.POST('/__mock/reset'));
      return 'The organization is back to its seed.';
    },
    h('h2', null, 'Reset'),
    h(
      'p',
      { class: 'muted' },
      'Forgets this organization; its next request starts it again from the seed.',
    ),
    resetButton,
  );

  return {
    title: 'Controls',
    element: page(
      'Controls',
      h(
        'div',
        { class: 'grid' },
        planForm,
        clockForm,
        accountImport(context),
        resetForm,
        faultsForm,
      ),
    ),
  };
}
