// The key form: the console acts as the organization of the key typed here.
import { describe, RequestFailed } from '../connection.js';
import { h } from '../dom.js';
import type { Session } from '../session.js';
import { page, type View } from '../view.js';

export function signInView(
  check: (session: Session) => Promise<void>,
  onSignedIn: (session: Session) => void,
): View {
  const key = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'data-testid': 'api-key',
  });
  const token = h('input', {
    id: 'admin-token',
    name: 'admin-token',
    type: 'password',
    autocomplete: 'off',
    'aria-describedby': 'admin-token-help',
    'data-testid': 'admin-token',
  });
  const show = h('input', {
    id: 'show-key',
    type: 'checkbox',
    onchange: () => {
      key.type = show.checked ? 'text' : 'password';
    },
  });
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', 'data-testid': 'sign-in' }, 'Open organization');
  const form = h(
    'form',
    {
      class: 'card sign-in',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const session: Session = {
          apiKey: key.value.trim(),
          ...(token.value.trim() ? { adminToken: token.value.trim() } : {}),
        };
        if (!session.apiKey) {
          message.textContent = 'Type an API key: each key is its own organization.';
          key.focus();
          return;
        }
        submit.disabled = true;
        message.textContent = '';
        try {
          await check(session);
          onSignedIn(session);
        } catch (error) {
          message.textContent = describe(error);
          if (error instanceof RequestFailed && error.needsAdminToken) token.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, 'API key'), key),
    h('div', { class: 'check' }, show, h('label', { for: 'show-key' }, 'Show the key')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'admin-token' }, 'Admin token (optional)'),
      token,
      h(
        'p',
        { id: 'admin-token-help', class: 'muted' },
        'Only when the mock was started with --admin-token. Kept in this tab only.',
      ),
    ),
    submit,
    message,
  );
  const element = page(
    'Open an organization',
    h(
      'p',
      null,
      'The mock keeps one organization per API key. Type the key your app uses to look at its data; any new key starts from the seed.',
    ),
    form,
  );
  return { title: 'Open an organization', element };
}
