// The organization's events, newest first: the latest page from /api/v1/events,
// then each new one as the stream brings it, without a reload.
import type { ListDocument, Resource } from '../connection.js';
import { fill, h, time } from '../dom.js';
import { subjectOf } from '../event-stream.js';
import { hrefOf } from '../kinds.js';
import { type Context, failed, page, type View } from '../view.js';

const KEEP = 200;

export function eventsView(context: Context): View {
  const seen = new Set<string>();
  const list = h('ol', {
    class: 'events',
    'aria-label': 'Events, newest first',
    'data-testid': 'event-list',
  });
  const status = h('p', { class: 'muted' });
  const filter = h('input', {
    id: 'event-filter',
    type: 'search',
    autocomplete: 'off',
    oninput: () => applyFilter(),
  });

  const item = (event: Resource) => {
    const subject = subjectOf(event);
    const href = subject ? hrefOf(subject.type, subject.id) : undefined;
    const name = String(event.attributes.name);
    return h(
      'li',
      { 'data-testid': 'event', 'data-name': name, 'data-object-id': subject?.id ?? '' },
      h(
        'div',
        { class: 'event-line' },
        h('strong', null, name),
        ' ',
        subject ? (href ? h('a', { href }, subject.id) : subject.id) : null,
        ' ',
        h('span', { class: 'muted' }, time(event.attributes['created-at'])),
      ),
      h(
        'details',
        null,
        h('summary', null, `Payload of ${event.id}`),
        h('pre', { class: 'json' }, JSON.stringify(event.attributes.payload, null, 2)),
      ),
    );
  };

  const matches = (element: Element) => {
    const wanted = filter.value.trim().toLowerCase();
    return wanted === '' || (element.getAttribute('data-name') ?? '').includes(wanted);
  };
  const applyFilter = () => {
    for (const element of Array.from(list.children))
      (element as HTMLElement).hidden = !matches(element);
  };

  const add = (event: Resource, where: 'top' | 'bottom') => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    const element = item(event);
    element.hidden = !matches(element);
    if (where === 'top') list.prepend(element);
    else list.append(element);
    while (list.children.length > KEEP) list.lastElementChild?.remove();
  };

  // Listen first, then read the page: an event recorded in between shows once, not never.
  const stop = context.stream.onEvent((event) => add(event, 'top'));
  const showState = (state: string) => {
    status.textContent =
      state === 'live' ? 'Live: new events appear at the top.' : `Stream ${state}…`;
  };
  showState(context.stream.state);
  const stopState = context.stream.onState(showState);
  const errors = h('div');
  context.connection
    .api<ListDocument>('/events', { 'page[size]': '50' })
    .then((document) => {
      for (const event of document.data) add(event, 'bottom');
    })
    .catch((error: unknown) => fill(errors, failed('Listing events', error)));

  const element = page(
    'Events',
    status,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'event-filter' }, 'Show events whose name contains'),
      filter,
    ),
    errors,
    list,
  );
  return {
    title: 'Events',
    element,
    dispose() {
      stop();
      stopState();
    },
  };
}
