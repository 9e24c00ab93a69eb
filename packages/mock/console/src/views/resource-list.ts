// One resource list from /api/v1, with the API's filters, a search over the
// page shown, paging, and live reloads when an event touches this kind.
import type { ListDocument, Resource } from '../connection.js';
import { debounce, h, refill, scrollingTable, time } from '../dom.js';
import { subjectOf } from '../event-stream.js';
import { hrefOf, type Kind, listedKinds } from '../kinds.js';
import { type Context, failed, loading, page, type View } from '../view.js';

const PAGE_SIZE = '50';

/** The tabs between lists; the current one is marked for assistive technology too. */
export function kindTabs(current: Kind) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Resources' },
    h(
      'ul',
      { class: 'links' },
      listedKinds.map((kind) =>
        h(
          'li',
          null,
          h(
            'a',
            { href: `#/resources/${kind.name}`, 'aria-current': kind === current ? 'page' : null },
            kind.label,
          ),
        ),
      ),
    ),
  );
}

/** A line of text to search in: the fields a person would look for. */
const searchText = (r: Resource) =>
  [r.id, r.type, JSON.stringify(r.attributes)].join(' ').toLowerCase();

export function resourceListView(context: Context, kind: Kind): View {
  const results = h('div', { 'aria-live': 'polite' }, loading());
  const inputs = kind.filters.map((filter) =>
    h('input', {
      id: `filter-${filter.name}`,
      name: filter.name,
      type: 'text',
      autocomplete: 'off',
      'data-testid': `filter-${filter.name}`,
    }),
  );
  const search = h('input', {
    id: 'search',
    type: 'search',
    autocomplete: 'off',
    'data-testid': 'search',
    oninput: () => show(),
  });
  let rows: Resource[] = [];
  let cursors: (string | undefined)[] = [undefined];
  let nextCursor: string | undefined;

  const query = () => {
    const q: Record<string, string> = { 'page[size]': PAGE_SIZE };
    kind.filters.forEach((filter, i) => {
      const value = inputs[i]!.value.trim();
      if (value) q[`filter[${filter.name}]`] = value;
    });
    const after = cursors.at(-1);
    if (after) q['page[after]'] = after;
    return q;
  };

  const load = async () => {
    try {
      const document = await context.connection.api<ListDocument>(`/${kind.name}`, query());
      rows = document.data;
      const next = document.links?.next;
      nextCursor = next
        ? (new URL(next, location.origin).searchParams.get('page[after]') ?? undefined)
        : undefined;
      show();
    } catch (error) {
      refill(results, failed(`Listing ${kind.label.toLowerCase()}`, error));
    }
  };

  const show = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = rows.filter((r) => words.every((w) => searchText(r).includes(w)));
    const page = cursors.length;
    refill(
      results,
      h(
        'p',
        { class: 'muted', 'data-testid': 'result-count' },
        `${shown.length} of ${rows.length} on page ${page}`,
      ),
      shown.length === 0
        ? h('p', null, `No ${kind.label.toLowerCase()} match.`)
        : scrollingTable(
            kind.label,
            ['Id', 'Type', 'Reference id', 'Status', 'Created'],
            shown.map((r) => [
              h('a', { href: hrefOf(r.type, r.id) ?? '#', 'data-testid': 'resource-link' }, r.id),
              r.type,
              String(r.attributes['reference-id'] ?? '—'),
              // Accounts name theirs `account-status`.
              String(r.attributes.status ?? r.attributes['account-status'] ?? '—'),
              time(r.attributes['created-at']),
            ]),
          ),
      h(
        'div',
        { class: 'pager' },
        h(
          'button',
          {
            type: 'button',
            disabled: cursors.length === 1,
            onclick: () => {
              cursors = cursors.slice(0, -1);
              void load();
            },
          },
          'Previous page',
        ),
        h(
          'button',
          {
            type: 'button',
            disabled: nextCursor === undefined,
            onclick: () => {
              cursors = [...cursors, nextCursor];
              void load();
            },
          },
          'Next page',
        ),
      ),
    );
  };

  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': `Filter ${kind.label.toLowerCase()}`,
      onsubmit: (event: Event) => {
        event.preventDefault();
        cursors = [undefined];
        void load();
      },
    },
    kind.filters.map((filter, i) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `filter-${filter.name}` }, filter.label),
        inputs[i]!,
      ),
    ),
    h('button', { type: 'submit', 'data-testid': 'filter-apply' }, 'Apply filters'),
    h('div', { class: 'field' }, h('label', { for: 'search' }, 'Search this page'), search),
  );

  void load();
  // A new or changed object of this kind: read the page again.
  const reload = debounce(load, 250);
  const stop = context.stream.onEvent((event) => {
    const subject = subjectOf(event);
    if (subject && kind.holds(subject.type)) reload();
  });

  return {
    title: kind.label,
    element: page(kind.label, kindTabs(kind), form, results),
    dispose() {
      stop();
      reload.cancel();
    },
  };
}
