import { isPersonaApiError } from '@persona-kit/client';
import { field, h, textBox } from './dom.js';
import { type Account, accountName, type Case, type Inquiry, type PersonaApi } from './persona.js';
import { type VerifyMode, verificationState } from './verification.js';

/** How often, and for how long, the page re-reads a verification a workflow is still moving. */
const POLL_MS = 1_000;
const POLL_FOR_MS = 120_000;

interface State {
  accounts: Account[];
  search: string;
  selected: Account | null;
  cases: Case[];
  inquiries: Inquiry[];
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
  /**
   * `hosted-flow` opens Persona's flow (the mock's stand-in page) through a
   * one-time link; `simulate` drives the inquiry with the sandbox's simulate
   * actions, for a mock in the page, which cannot serve the flow's page.
   */
  verify: VerifyMode;
  /** Where the page says Persona is: the mock in this tab, or a mock server. */
  backend: string;
}

/** The accounts and cases screen. The selected account lives in the URL hash. */
export function mountApp(root: HTMLElement, options: AppOptions): { refresh(): Promise<void> } {
  const { api } = options;
  const state: State = {
    accounts: [],
    search: '',
    selected: null,
    cases: [],
    inquiries: [],
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
    [state.cases, state.inquiries] = state.selected
      ? await Promise.all([api.casesOf(state.selected.id), api.inquiriesOf(state.selected.id)])
      : [[], []];
  }

  // Re-reads the selected account until its verification settles: the
  // workflows that decide an inquiry run after the person is done.
  let pollUntil = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  function pollVerification() {
    pollUntil = Date.now() + POLL_FOR_MS;
    clearTimeout(pollTimer);
    const tick = async () => {
      // Redraw only on a change: a redraw would clear what the user is typing elsewhere.
      const before = JSON.stringify([state.inquiries, state.cases]);
      try {
        await loadSelected();
        if (JSON.stringify([state.inquiries, state.cases]) !== before) render();
      } catch {
        // A dropped poll: the next one, or a focus of the page, reads again.
      }
      if (!verificationState(state.inquiries, state.cases).settled && Date.now() < pollUntil) {
        pollTimer = setTimeout(() => void tick(), POLL_MS);
      }
    };
    pollTimer = setTimeout(() => void tick(), POLL_MS);
  }

  const onVerify = (event: Event) => {
    event.preventDefault();
    const account = state.selected;
    if (!account) return;
    const outcome = field(event.target as HTMLFormElement, 'outcome');
    // Opened now, while the click still counts as the user's: a tab opened after an await is blocked.
    const tab = options.verify === 'hosted-flow' ? window.open('about:blank', '_blank') : null;
    void act(async () => {
      try {
        // The flow sends the person back here, to this account.
        const back = `${location.origin}${location.pathname}#${encodeURIComponent(account.id)}`;
        const inquiry = await api.startVerification(account, back);
        if (options.verify === 'simulate') {
          await api.simulateVerification(inquiry.id, outcome === 'failed' ? 'failed' : 'passed');
          await loadSelected();
          pollVerification();
          return `Simulated the flow of ${inquiry.id}: verification ${outcome || 'passed'}`;
        }
        const link = await api.oneTimeLink(inquiry.id);
        if (tab) tab.location.href = link;
        else location.assign(link);
        await loadSelected();
        pollVerification();
        return `Opened the verification flow of ${inquiry.id}`;
      } catch (error) {
        tab?.close();
        throw error;
      }
    });
  };

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
        h('p', { class: 'muted' }, options.backend),
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
      identityPanel(),
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

  function identityPanel() {
    const v = verificationState(state.inquiries, state.cases);
    return h(
      'div',
      { class: 'identity' },
      h('h3', {}, 'Identity'),
      h(
        'p',
        {},
        h('span', { class: `badge ${v.tone}`, 'data-testid': 'identity-state' }, v.label),
        v.inquiry && ' ',
        v.inquiry && h('code', { 'data-testid': 'identity-inquiry' }, v.inquiry.id),
      ),
      h(
        'form',
        { class: 'row', 'data-testid': 'verify-form', onsubmit: onVerify },
        options.verify === 'simulate' &&
          h(
            'select',
            { name: 'outcome', 'aria-label': 'Sandbox outcome', 'data-testid': 'verify-outcome' },
            h('option', { value: 'passed' }, 'Verification passes'),
            h('option', { value: 'failed' }, 'Verification fails'),
          ),
        h('button', { type: 'submit', 'data-testid': 'verify-identity' }, 'Verify identity'),
      ),
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
  // Back from the flow's tab: read the account again.
  window.addEventListener('focus', () => void refresh());
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
