import type { Connection } from './connection.js';
import { describe } from './connection.js';
import { type Child, debounce, h, refill } from './dom.js';
import type { EventStream } from './event-stream.js';

/** What every view gets: the connection, the live events, and the page's status line. */
export interface Context {
  connection: Connection;
  stream: EventStream;
  notify(text: string): void;
  /** Signs out; the page returns to the key form. */
  signOut(): void;
}

/** A rendered view: its title (for the heading and the tab), content, and what to stop when left. */
export interface View {
  title: string;
  element: HTMLElement;
  dispose?(): void;
}

/** The page's heading; focused on each navigation so screen readers hear where they are. */
const heading = (text: string) => h('h1', { id: 'view-title', tabindex: -1 }, text);

/** An alert for a failed request, named by what was being done. */
export const failed = (what: string, error: unknown): Child =>
  h('p', { class: 'error', role: 'alert' }, `${what} failed: ${describe(error)}`);

export const loading = () => h('p', { class: 'muted' }, 'Loading…');

/** A view's page: a section named by its heading. */
export const page = (title: string, ...children: Child[]): HTMLElement =>
  h('section', { 'aria-labelledby': 'view-title' }, heading(title), ...children);

/**
 * A live region showing what `render` builds: now, on `load()`, and again
 * once a burst of live events settles (any event may change what it shows).
 * A failure shows in its place as an alert, named by `what`.
 */
export function liveResults(
  context: Context,
  what: string,
  render: () => Promise<Child[]>,
  settleMs: number,
) {
  const element = h('div', { 'aria-live': 'polite' }, loading());
  const load = async () => {
    try {
      refill(element, ...(await render()));
    } catch (error) {
      refill(element, failed(what, error));
    }
  };
  void load();
  const reload = debounce(load, settleMs);
  const stop = context.stream.onEvent(reload);
  return {
    element,
    load,
    dispose() {
      stop();
      reload.cancel();
    },
  };
}
