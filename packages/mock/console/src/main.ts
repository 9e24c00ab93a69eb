// The console's shell: the key (kept per tab), the navigation, and a hash
// router that swaps one view at a time and stops the one it leaves.
import './styles.css';
import { type Connection, connect, must } from './connection.js';
import { fill, h } from './dom.js';
import { type EventStream, openEventStream } from './event-stream.js';
import { kindNamed } from './kinds.js';
import { clearSession, loadSession, maskKey, type Session, saveSession } from './session.js';
import type { Context, View } from './view.js';
import { controlsView } from './views/controls.js';
import { deliveriesView } from './views/deliveries.js';
import { eventsView } from './views/events.js';
import { organizationView } from './views/organization.js';
import { organizationsView } from './views/organizations.js';
import { resourceDetailView } from './views/resource-detail.js';
import { resourceListView } from './views/resource-list.js';
import { signInView } from './views/sign-in.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const who = document.getElementById('who')!;
const notice = document.getElementById('notice')!;

const sections = [
  { href: '#/', label: 'Organization', matches: (path: string) => path === '/' },
  {
    href: '#/organizations',
    label: 'All organizations',
    matches: (path: string) => path === '/organizations',
  },
  {
    href: '#/resources/accounts',
    label: 'Resources',
    matches: (path: string) => path.startsWith('/resources'),
  },
  { href: '#/events', label: 'Events', matches: (path: string) => path === '/events' },
  {
    href: '#/deliveries',
    label: 'Webhook deliveries',
    matches: (path: string) => path === '/deliveries',
  },
  { href: '#/controls', label: 'Controls', matches: (path: string) => path === '/controls' },
];

let current: View | undefined;
let live: { connection: Connection; stream: EventStream; stopState: () => void } | undefined;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

const notify = (text: string) => {
  notice.textContent = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    notice.textContent = '';
  }, 6_000);
};

function signIn(session: Session) {
  saveSession(session);
  const connection = connect(session);
  const stream = openEventStream(connection);
  const badge = h('span', { class: 'badge', 'data-testid': 'stream-state' }, stream.state);
  const stopState = stream.onState((state) => {
    badge.textContent = state;
    badge.className = `badge badge-${state}`;
  });
  live = { connection, stream, stopState };
  const signingIn = main.querySelector('form') !== null;
  fill(
    who,
    h('span', null, 'Key ', h('code', { 'data-testid': 'masked-key' }, maskKey(session.apiKey))),
    ' ',
    h('span', { class: 'muted' }, 'events: '),
    badge,
    ' ',
    h('button', { type: 'button', onclick: signOut }, 'Sign out'),
  );
  route();
  // From the key form, focus moves on to what it opened.
  if (signingIn) document.getElementById('view-title')?.focus();
}

function signOut() {
  live?.stream.close();
  live?.stopState();
  live = undefined;
  clearSession();
  fill(who);
  location.hash = '#/';
  route();
}

/** The view for a path, or undefined when none answers it. */
function viewFor(path: string, context: Context): View | undefined {
  if (path === '/') return organizationView(context);
  if (path === '/organizations') return organizationsView(context);
  if (path === '/events') return eventsView(context);
  if (path === '/deliveries') return deliveriesView(context);
  if (path === '/controls') return controlsView(context);
  const [, resources, name, id] = path.split('/');
  const kind = resources === 'resources' && name ? kindNamed(name) : undefined;
  if (!kind) return undefined;
  if (!id && kind.listed === false) return undefined;
  return id
    ? resourceDetailView(context, kind, decodeURIComponent(id))
    : resourceListView(context, kind);
}

function route() {
  const path = location.hash.replace(/^#/, '') || '/';
  current?.dispose?.();
  fill(
    nav,
    live
      ? h(
          'ul',
          { class: 'links' },
          sections.map((s) =>
            h(
              'li',
              null,
              h('a', { href: s.href, 'aria-current': s.matches(path) ? 'page' : null }, s.label),
            ),
          ),
        )
      : null,
  );
  if (!live) {
    current = signInView(async (session) => {
      await must(connect(session).control.GET('/__mock/state'));
    }, signIn);
  } else {
    const context: Context = { connection: live.connection, stream: live.stream, notify, signOut };
    current = viewFor(path, context) ?? {
      title: 'Not found',
      element: h(
        'section',
        null,
        h('h1', { id: 'view-title', tabindex: -1 }, 'Nothing here'),
        h('p', null, h('a', { href: '#/' }, 'Back to the organization')),
      ),
    };
  }
  fill(main, current.element);
  document.title = `${current.title} · persona-mock console`;
}

window.addEventListener('hashchange', () => {
  route();
  // Move focus to the new heading, as a page load would.
  document.getElementById('view-title')?.focus();
});
// The skip link targets the main region without touching the route in the hash.
document.querySelector('a.skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

const saved = loadSession();
if (saved) signIn(saved);
else route();
document.body.dataset.ready = 'true';
