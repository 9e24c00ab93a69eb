// Every organization of this mock, by masked key: which keys have been used
// against it, and how much each holds.
import { must } from '../connection.js';
import { h, scrollingTable, time } from '../dom.js';
import { type Context, liveResults, page, type View } from '../view.js';

export function organizationsView(context: Context): View {
  const { control } = context.connection;
  // A new key makes a new organization; any event may change the counts.
  const results = liveResults(
    context,
    'Listing the organizations',
    async () => {
      const { data } = await must(control.GET('/__mock/organizations'));
      return [
        h(
          'p',
          { class: 'muted', 'data-testid': 'organization-count' },
          `${data.length} organizations`,
        ),
        scrollingTable(
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
      ];
    },
    500,
  );

  return {
    title: 'Organizations',
    element: page(
      'Organizations',
      h(
        'p',
        null,
        'Each API key is an organization of its own. Keys are shown by their last four characters only.',
      ),
      h('button', { type: 'button', onclick: () => void results.load() }, 'Refresh'),
      results.element,
    ),
    dispose: results.dispose,
  };
}
