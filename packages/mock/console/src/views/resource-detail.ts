// One object: its attributes, the objects it points at (links you can follow),
// the lists that point back at it, its events, and what the mock keeps about
// it beyond Persona's resource (GET /__mock/objects/{id}, when the mock has it).
import { failure, type Linkage, type ListDocument, type Resource } from '../connection.js';
import { type Child, debounce, fill, h, refill, scrollingTable, time } from '../dom.js';
import { subjectOf } from '../event-stream.js';
import { accountLists, hrefOf, type Kind } from '../kinds.js';
import { type Context, failed, loading, page, type View } from '../view.js';
import { inquiryActions } from './inquiry-actions.js';
import { kindTabs } from './resource-list.js';
import { verificationsOf } from './verifications.js';
import { workflowSteps } from './workflow-steps.js';

/** Ids the mock keeps more about (openapi/control-plane/object.yaml). */
const withMockState = /^(act|mprt|wfr)_[a-zA-Z0-9]+$/;

const value = (v: unknown): Child =>
  v !== null && typeof v === 'object'
    ? h('pre', { class: 'json' }, JSON.stringify(v, null, 2))
    : v === null || v === undefined
      ? '—'
      : String(v);

const link = (linkage: Linkage): Child => {
  const href = hrefOf(linkage.type, linkage.id);
  return href ? h('a', { href }, linkage.id) : h('span', null, `${linkage.id} (${linkage.type})`);
};

export function resourceDetailView(context: Context, kind: Kind, id: string): View {
  const { connection } = context;
  const body = h('div', null, loading());
  const related = h('div');
  const events = h('div', { 'aria-live': 'polite' });
  const mockState = h('div');
  const verifications = h('div');

  const load = async () => {
    try {
      const { data } = await connection.api<{ data: Resource }>(
        `/${kind.name}/${encodeURIComponent(id)}`,
      );
      const relationships = Object.entries(data.relationships ?? {});
      if (kind.name === 'inquiries')
        void verificationsOf(connection, data).then((v) => refill(verifications, v));
      refill(
        body,
        h(
          'p',
          { class: 'muted' },
          `${data.type} · `,
          h('code', { 'data-testid': 'detail-id' }, data.id),
        ),
        h('h2', null, 'Attributes'),
        h(
          'dl',
          { class: 'facts' },
          Object.entries(data.attributes).map(([name, v]) => [
            h('dt', null, name),
            h('dd', null, value(v)),
          ]),
        ),
        h('h2', null, 'Relationships'),
        relationships.length === 0
          ? h('p', null, 'None.')
          : h(
              'dl',
              { class: 'facts' },
              relationships.map(([name, rel]) => {
                const linkages = Array.isArray(rel.data) ? rel.data : rel.data ? [rel.data] : [];
                return [
                  h('dt', null, name),
                  h(
                    'dd',
                    null,
                    linkages.length === 0
                      ? '—'
                      : h(
                          'ul',
                          { class: 'inline' },
                          linkages.map((l) => h('li', null, link(l))),
                        ),
                  ),
                ];
              }),
            ),
      );
    } catch (error) {
      refill(body, failed(`Reading ${id}`, error));
    }
  };

  // Objects that point back at an account: its inquiries, cases and reports.
  const loadRelated = async () => {
    if (kind.name !== 'accounts') return;
    const sections = await Promise.all(
      accountLists.map(async (list) => {
        try {
          const document = await connection.api<ListDocument>(`/${list.name}`, {
            'filter[account-id]': id,
            'page[size]': '20',
          });
          return h(
            'div',
            null,
            h('h3', null, list.label),
            document.data.length === 0
              ? h('p', { class: 'muted' }, 'None.')
              : h(
                  'ul',
                  null,
                  document.data.map((r) =>
                    h('li', null, link(r), ` · ${String(r.attributes.status ?? '')}`),
                  ),
                ),
          );
        } catch (error) {
          return failed(`Listing ${list.label.toLowerCase()}`, error);
        }
      }),
    );
    refill(related, h('h2', null, 'Pointing at this account'), sections);
  };

  const loadEvents = async () => {
    try {
      const document = await connection.api<ListDocument>('/events', {
        'filter[object-id]': id,
        'page[size]': '50',
      });
      refill(
        events,
        h('h2', null, 'Events'),
        document.data.length === 0
          ? h('p', { class: 'muted' }, 'No events about this object.')
          : scrollingTable(
              `Events about ${id}`,
              ['Event', 'Name', 'Recorded'],
              document.data.map((e) => [
                e.id,
                e.attributes.name as string,
                time(e.attributes['created-at']),
              ]),
            ),
      );
    } catch (error) {
      refill(events, h('h2', null, 'Events'), failed('Listing events', error));
    }
  };

  // This route may be missing from an older mock: a 404 only means there is nothing more to show.
  const loadMockState = async () => {
    if (!withMockState.test(id)) return;
    const response = await fetch(`/__mock/objects/${encodeURIComponent(id)}`, {
      headers: connection.headers(),
    }).catch(() => undefined);
    let content: Child;
    if (response?.ok) {
      const answer = await response.json();
      content = answer.type === 'workflow-run' ? workflowSteps(id, answer.state) : value(answer);
    } else if (response?.status === 404)
      content = h('p', { class: 'muted' }, 'The mock keeps nothing more about this object.');
    else content = response ? failed('Reading the mock-only state', await failure(response)) : null;
    fill(mockState, h('h2', null, 'Mock-only state'), content);
  };

  void load();
  void loadRelated();
  void loadEvents();
  void loadMockState();
  const reload = debounce(() => {
    void load();
    void loadRelated();
    void loadEvents();
    void loadMockState();
  }, 250);
  // An event about this object, or one whose payload names it (a verification
  // of this inquiry, a case holding it): read the page again.
  const stop = context.stream.onEvent((event) => {
    const subject = subjectOf(event);
    if (subject?.id === id || kind.name === 'accounts') reload();
    else if (JSON.stringify(event.attributes.payload ?? null).includes(id)) reload();
  });

  return {
    title: id,
    element: page(
      `${kind.one} ${id}`,
      kindTabs(kind),
      kind.listed === false
        ? null
        : h(
            'p',
            null,
            h('a', { href: `#/resources/${kind.name}` }, `Back to ${kind.label.toLowerCase()}`),
          ),
      kind.name === 'inquiries' ? inquiryActions(context, id, reload) : null,
      body,
      verifications,
      related,
      // A workflow run's steps matter more than its one event: the mock's state comes first.
      mockState,
      events,
    ),
    dispose() {
      stop();
      reload.cancel();
    },
  };
}
