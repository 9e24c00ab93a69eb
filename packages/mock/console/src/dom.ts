// A tiny element builder: the console is a handful of forms and tables,
// small enough that a UI library would weigh more than it saves.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

/** `h('button', { type: 'button', onclick: go }, 'Go')`: attributes, `on…` listeners, children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in element)
      (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else
      parent.appendChild(
        typeof child === 'object' ? child : document.createTextNode(String(child)),
      );
  }
}

/** Replaces an element's content. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * A table captioned `label` that scrolls on its own in a narrow window,
 * reachable by keyboard as a region of the same name.
 */
export function scrollingTable(label: string, headers: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label },
    table(label, headers, rows),
  );
}

/** A table with a caption, header cells and rows. */
function table(caption: string, headers: string[], rows: Child[][]): HTMLTableElement {
  return h(
    'table',
    null,
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((name) => h('th', { scope: 'col' }, name)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((cells) =>
        h(
          'tr',
          null,
          cells.map((cell) => h('td', null, cell)),
        ),
      ),
    ),
  );
}

/** A time as the reader's locale shows it, with the exact value for machines. */
export function time(iso: unknown): Child {
  if (typeof iso !== 'string') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return h('time', { datetime: iso, title: iso }, date.toLocaleString());
}

/** Calls `run` at most once per `ms`, after the last call (live updates arrive in bursts). */
export function debounce(run: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
}

/**
 * Re-renders `container` and puts the focus back on the same link or button
 * when it had it: live updates must not throw a keyboard user back to the top.
 */
export function refill(container: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && container.contains(active) ? focusKey(active) : undefined;
  fill(container, ...children);
  if (key === undefined) return;
  const again = Array.from(container.querySelectorAll<HTMLElement>('a, button, [tabindex]')).find(
    (element) => focusKey(element) === key,
  );
  again?.focus();
}

const focusKey = (element: HTMLElement) =>
  `${element.tagName}|${element.getAttribute('href') ?? ''}|${element.getAttribute('aria-label') ?? element.textContent ?? ''}`;
