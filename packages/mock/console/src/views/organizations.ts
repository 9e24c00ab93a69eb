// Every organization of this mock, by masked key: which keys have been used
// against it, and how much each holds.
import { must } from '../connection.js';
import { debounce, h, refill, scrollable, table, time } from '../dom.js';
import { type Context, failed, heading, loading, type View } from '../view.js';

export function organizationsView(context: Context): View {
  const { control } = context.connection;
  const results = h('div', { 'aria-live': 'polite' }, loading());

  const load = async () => {
    try {
      const { data } = await must(control.GET('/__mock/organizations'));
      refill(
        results,
        h(
          'p',
          { class: 'muted', 'data-testid': 'organization-count' },
          `${data.length} organizations`,
        ),
        scrollable(
          'Organizations',
          table(
            'Organizations',
            ['API key', 'Organization', 'Plan', 'Records', 'Created'],
            data.map((org) => [
              h(
                'span',
                { class: org.current ? 'org-current' : null, 'data-testid': 'organization-key' },
                org.maskedKey ?? 'not used since the mock started',
                org.current ? ' (this console)' : '',
              ),
              h('code', null, org.organization),
              org.plan,
              org.records,
              time(org.createdAt),
            ]),
          ),
        ),
      );
    } catch (error) {
      refill(results, failed('Listing the organizations', error));
    }
  };
  void load();
  // A new key makes a new organization; any event may change the counts.
  const reload = debounce(load, 500);
  const stop = context.stream.onEvent(reload);

  return {
    title: 'Organizations',
    element: h(
      'section',
      { 'aria-labelledby': 'view-title' },
      heading('Organizations'),
      h(
        'p',
        null,
        'Each API key is an organization of its own. Keys are shown by their last four characters only.',
      ),
      h('button', { type: 'button', onclick: () => void load() }, 'Refresh'),
      results,
    ),
    dispose() {
      stop();
      reload.cancel();
    },
  };
}
