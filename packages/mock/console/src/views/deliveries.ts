// Webhook deliveries of the organization, by state, with a redeliver button
// each and, behind a disclosure, the body posted and each attempt's signature.
import type { components } from '@persona-kit/client/control-plane';
import { must } from '../connection.js';
import { h, refill, scrollingTable, time } from '../dom.js';
import { type Context, failed, liveResults, page, type View } from '../view.js';

type Delivery = components['schemas']['WebhookDelivery'];
type DeliveryState = components['schemas']['WebhookDeliveryState'];

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function deliveriesView(context: Context): View {
  const { control } = context.connection;
  const state = h(
    'select',
    { id: 'delivery-state', onchange: () => void results.load() },
    h('option', { value: '' }, 'Any state'),
    ['pending', 'delivered', 'failed'].map((s) => h('option', { value: s }, s)),
  );

  const lastAttempt = (d: Delivery) => {
    const last = d.attempts.at(-1);
    if (!last) return '—';
    return `${last.status ?? last.error ?? 'no answer'} · ${Math.round(last.latencyMs)} ms`;
  };

  /** The body as posted (pretty-printed to read) and the attempts with their signature headers. */
  const details = (d: Delivery) =>
    h(
      'details',
      null,
      h('summary', { 'aria-label': `Body and attempts of ${d.eventName} ${d.id}` }, 'Show'),
      h('h3', null, 'Body'),
      h('pre', { class: 'json' }, d.body ? pretty(d.body) : 'Not built yet: no attempt was made.'),
      h('h3', null, 'Attempts'),
      d.attempts.length === 0
        ? h('p', null, 'None yet.')
        : h(
            'ol',
            null,
            d.attempts.map((a) =>
              h(
                'li',
                null,
                time(a.at),
                ` · ${a.status ?? a.error ?? 'no answer'} · ${Math.round(a.latencyMs)} ms`,
                a.signature
                  ? h('pre', { class: 'signature' }, `Persona-Signature: ${a.signature}`)
                  : null,
              ),
            ),
          ),
    );

  const redeliver = async (d: Delivery, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await must(
        control.POST('/__mock/webhook-deliveries/{delivery-id}/redeliver', {
          params: { path: { 'delivery-id': d.id } },
        }),
      );
      context.notify(`Redelivering ${d.eventName} (${d.id}).`);
      await results.load();
    } catch (error) {
      refill(results.element, failed(`Redelivering ${d.id}`, error));
    }
  };

  const results = liveResults(
    context,
    'Listing deliveries',
    async () => {
      const query = state.value ? { state: state.value as DeliveryState } : {};
      const { data } = await must(control.GET('/__mock/webhook-deliveries', { params: { query } }));
      return [
        data.length === 0
          ? h(
              'p',
              null,
              'No deliveries. Register a webhook (POST /api/v1/webhooks) and events are delivered to it.',
            )
          : scrollingTable(
              'Webhook deliveries',
              ['Event', 'To', 'State', 'Attempts', 'Last answer', 'Next attempt', 'Details', ''],
              data.map((d) => {
                const button = h(
                  'button',
                  { type: 'button', 'aria-label': `Redeliver ${d.eventName} ${d.id}` },
                  'Redeliver',
                );
                button.addEventListener('click', () => void redeliver(d, button));
                return [
                  h('span', { title: d.eventId }, d.eventName),
                  h('span', { class: 'url' }, d.url),
                  h('span', { class: `state state-${d.state}` }, d.state),
                  d.attempts.length,
                  lastAttempt(d),
                  time(d.nextAttemptAt),
                  details(d),
                  button,
                ];
              }),
            ),
      ];
    },
    500,
  );

  return {
    title: 'Webhook deliveries',
    element: page(
      'Webhook deliveries',
      h(
        'div',
        { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: 'delivery-state' }, 'State'), state),
        h('button', { type: 'button', onclick: () => void results.load() }, 'Refresh'),
      ),
      results.element,
    ),
    dispose: results.dispose,
  };
}
