import { isPersonaApiError } from '@persona-kit/client';
import { field, h, textBox } from './dom.js';
import { type Account, accountName, type Case, type PersonaApi } from './persona.js';

interface State {
  accounts: Account[];
  search: string;
  selected: Account | null;
  cases: Case[];
  statuses: string[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  /** The workflow run of the last action run on the selected account (Persona answers its id). */
  lastRun: string | null;
}

export interface AppOptions {
  api: PersonaApi;
  /**
   * The statuses the Set status action accepts. Persona's API does not list an
   * action's parameters: the page is given them (the mock tells its own).
   */
  statusChoices: () => Promise<string[]>;
  /** Forgets the mock's data (only offered when a mock runs in the page). */
  reset?: () => Promise<void>;
}

/** The accounts and cases screen. The selected account lives in the URL hash. */
export function mountApp(root: HTMLElement, options: AppOptions): { refresh(): Promise<void> } {
  const { api } = options;
  const state: State = {
    accounts: [],
    search: '',
    selected: null,
    cases: [],
    statuses: [],
    notice: null,
    lastRun: null,
  };

  const selectedId = () => decodeURIComponent(location.hash.slice(1)) || null;

  /** Runs what the user asked for, shows its outcome, and redraws. */
  async function act(step: () => Promise<string | undefined>) {
    try {
      const text = await step();
      state.notice = text ? { kind: 'ok', text } : null;
    } catch (error) {
      state.notice = { kind: 'error', text: describe(error) };
    }
    render();
  }

  async function loadAccounts() {
    state.accounts = await api.listAccounts(state.search || undefined);
  }

  async function loadSelected() {
    const id = selectedId();
    try {
      state.selected = id ? await api.getAccount(id) : null;
    } catch (error) {
      // A stale link (the data was reset): show nothing rather than an error.
      if (!(isPersonaApiError(error) && error.status === 404)) throw error;
      state.selected = null;
      history.replaceState(null, '', location.pathname);
    }
    state.cases = state.selected ? await api.casesOf(state.selected.id) : [];
  }

  function select(id: string) {
    state.lastRun = null;
    location.hash = encodeURIComponent(id);
  }

  const onSearch = (event: Event) => {
    event.preventDefault();
    state.search = field(event.target as HTMLFormElement, 'reference-id');
    void act(async () => {
      await loadAccounts();
      return undefined;
    });
  };

  const onCreate = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const referenceId = field(form, 'reference-id');
    void act(async () => {
      const { account, created } = await api.createAccount({
        referenceId,
        nameFirst: field(form, 'name-first'),
        nameLast: field(form, 'name-last'),
        countryCode: field(form, 'country-code').toUpperCase(),
      });
      state.search = '';
      select(account.id);
      await Promise.all([loadAccounts(), loadSelected()]);
      return created
        ? `Created ${account.id} for ${referenceId}`
        : `${referenceId} already had ${account.id}: Persona answered the existing account`;
    });
  };

  /** A form about the selected account: reads its one field `name`, then acts on the account. */
  const onAccountForm =
    (name: string, step: (account: Account, value: string) => Promise<string>) =>
    (event: Event) => {
      event.preventDefault();
      const value = field(event.target as HTMLFormElement, name);
      const account = state.selected;
      if (!account) return;
      void act(() => step(account, value));
    };

  const onRunAction = onAccountForm('status', async (account, status) => {
    const { workflowRunId } = await api.setStatus(account.id, status);
    state.lastRun = workflowRunId;
    await Promise.all([loadAccounts(), loadSelected()]);
    return `Set status to ${status} (workflow run ${workflowRunId})`;
  });

  const onOpenCase = onAccountForm('reason', async (account, reason) => {
    const opened = await api.openReviewCase(account.id, reason);
    await Promise.all([loadAccounts(), loadSelected()]);
    return `Opened case ${opened.id}`;
  });

  const onReset = () => {
    void act(async () => {
      await options.reset?.();
      state.search = '';
      history.replaceState(null, '', location.pathname);
      await Promise.all([loadAccounts(), loadSelected()]);
      return 'The mock is back to its seed';
    });
  };

  function render() {
    root.replaceChildren(
      h(
        'header',
        {},
        h('h1', {}, 'Accounts and cases'),
        h(
          'p',
          { class: 'muted' },
          'Persona API mocked in this browser tab; data is kept in localStorage.',
        ),
        options.reset &&
          h('button', { type: 'button', 'data-testid': 'reset', onclick: onReset }, 'Reset data'),
      ),
      state.notice
        ? h(
            'p',
            { class: `notice ${state.notice.kind}`, 'data-testid': 'notice', role: 'status' },
            state.notice.text,
          )
        : '',
      h('main', {}, accountsPanel(), detailPanel()),
    );
  }

  function accountsPanel() {
    return h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Accounts'),
      h(
        'form',
        { class: 'row', 'data-testid': 'search-form', onsubmit: onSearch },
        textBox('reference-id', 'Reference id', 'search-reference-id', {
          value: state.search,
          'aria-label': 'Search by reference id',
        }),
        h('button', { type: 'submit', 'data-testid': 'search-submit' }, 'Search'),
      ),
      h(
        'table',
        { 'data-testid': 'accounts-table' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'Reference id'), h('th', {}, 'Name'), h('th', {}, 'Tags')),
        ),
        h(
          'tbody',
          {},
          ...state.accounts.map((account) => {
            const a = account.attributes;
            return h(
              'tr',
              {
                'data-testid': 'account-row',
                'data-account-id': account.id,
                'data-reference-id': a['reference-id'] ?? '',
                class: account.id === state.selected?.id ? 'selected' : undefined,
                onclick: () => select(account.id),
              },
              h('td', {}, a['reference-id'] ?? '—'),
              h('td', { 'data-testid': 'account-name' }, accountName(account) || '—'),
              h('td', { 'data-testid': 'account-tags' }, (a.tags ?? []).join(', ') || '—'),
            );
          }),
        ),
      ),
      state.accounts.length === 0 &&
        h(
          'p',
          { class: 'muted', 'data-testid': 'accounts-empty' },
          state.search ? `No account with reference id ${state.search}.` : 'No accounts yet.',
        ),
      h('h3', {}, 'New account'),
      h(
        'form',
        { class: 'grid', 'data-testid': 'create-form', onsubmit: onCreate },
        textBox('reference-id', 'Reference id (required)', 'create-reference-id', {
          required: true,
        }),
        textBox('name-first', 'First name', 'create-name-first'),
        textBox('name-last', 'Last name', 'create-name-last'),
        textBox('country-code', 'Country (US)', 'create-country', { maxlength: 2 }),
        h('button', { type: 'submit', 'data-testid': 'create-submit' }, 'Create account'),
      ),
    );
  }

  function detailPanel() {
    const account = state.selected;
    if (!account) {
      return h(
        'section',
        { class: 'panel' },
        h('p', { class: 'muted' }, 'Select an account to run an action or open a case.'),
      );
    }
    const a = account.attributes;
    return h(
      'section',
      { class: 'panel', 'data-testid': 'account-detail' },
      h('h2', {}, a['reference-id'] ?? account.id),
      h(
        'dl',
        {},
        h('dt', {}, 'Id'),
        h('dd', { 'data-testid': 'detail-account-id' }, account.id),
        h('dt', {}, 'Type'),
        h('dd', {}, a['account-type-name']),
        h('dt', {}, 'Name'),
        h('dd', { 'data-testid': 'detail-name' }, accountName(account) || '—'),
        h('dt', {}, 'Tags'),
        h('dd', {}, (a.tags ?? []).join(', ') || '—'),
        h('dt', {}, 'Created'),
        h('dd', {}, new Date(a['created-at']).toLocaleString()),
      ),
      h('h3', {}, 'Set status'),
      h(
        'form',
        { class: 'row', 'data-testid': 'action-form', onsubmit: onRunAction },
        h(
          'select',
          { name: 'status', 'aria-label': 'New status', 'data-testid': 'action-status' },
          ...state.statuses.map((s) => h('option', { value: s }, s)),
        ),
        h('button', { type: 'submit', 'data-testid': 'action-run' }, 'Run action'),
      ),
      state.lastRun &&
        h('p', { class: 'muted', 'data-testid': 'action-run-id' }, `Workflow run ${state.lastRun}`),
      h('h3', {}, 'Cases'),
      h(
        'form',
        { class: 'row', 'data-testid': 'case-form', onsubmit: onOpenCase },
        textBox('reason', 'Reason for review', 'case-reason'),
        h('button', { type: 'submit', 'data-testid': 'case-open' }, 'Open review case'),
      ),
      h(
        'ul',
        { class: 'cases', 'data-testid': 'cases-list' },
        ...state.cases.map((c) =>
          h(
            'li',
            { 'data-testid': 'case-item', 'data-case-id': c.id },
            h('strong', {}, c.attributes.name),
            ' ',
            h('span', { class: 'badge', 'data-testid': 'case-status' }, c.attributes.status),
            h('br', {}),
            h('code', {}, c.id),
            caseReason(c) && h('span', { class: 'muted' }, ` — ${caseReason(c)}`),
          ),
        ),
      ),
      state.cases.length === 0 && h('p', { class: 'muted' }, 'No cases for this account.'),
    );
  }

  /** Reloads what is shown; unlike `act`, it leaves the last outcome on screen. */
  async function refresh() {
    try {
      await Promise.all([loadAccounts(), loadSelected()]);
    } catch (error) {
      state.notice = { kind: 'error', text: describe(error) };
    }
    render();
  }

  window.addEventListener('hashchange', () => void refresh());
  render();
  const ready = (async () => {
    try {
      state.statuses = await options.statusChoices();
    } catch {
      // Without the list the form offers no choices; the rest still works.
    }
    await refresh();
    root.dataset.ready = 'true';
  })();
  return { refresh: () => ready.then(refresh) };
}

function describe(error: unknown): string {
  return isPersonaApiError(error)
    ? `${error.status}: ${error.errors.map((e) => e.details ?? e.title).join('; ')}`
    : String(error);
}

/** A case's `reason` field, typed as `{ type, value }` like every Persona field. */
function caseReason(c: Case): string | undefined {
  const reason = c.attributes.fields.reason as { value?: unknown } | undefined;
  return typeof reason?.value === 'string' ? reason.value : undefined;
}
