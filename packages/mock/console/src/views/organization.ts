// The organization of the key: its plan, record counts and seed.
import { must } from '../connection.js';
import { fill, h, scrollingTable } from '../dom.js';
import { maskKey } from '../session.js';
import { type Context, failed, liveResults, page, type View } from '../view.js';

export function organizationView(context: Context): View {
  const { control } = context.connection;
  const seed = h('pre', { class: 'json', tabindex: 0, 'aria-label': 'Seed as JSON' });
  const seedError = h('div');
  const download = h(
    'a',
    { class: 'button', download: 'persona-mock-seed.json', hidden: true },
    'Download the seed',
  );

  // Counts change with every event: read them again after a burst settles.
  const summary = liveResults(
    context,
    'Reading the organization',
    async () => {
      const state = await must(control.GET('/__mock/state'));
      const counts = Object.entries(state.counts ?? {})
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => a.localeCompare(b));
      return [
        h(
          'dl',
          { class: 'facts' },
          h('dt', null, 'Organization'),
          h('dd', { 'data-testid': 'org-id' }, state.organization),
          h('dt', null, 'Plan'),
          h('dd', { 'data-testid': 'org-plan' }, state.plan),
          h('dt', null, 'API key'),
          h('dd', null, maskKey(context.connection.session.apiKey)),
        ),
        h('h2', null, 'Records'),
        scrollingTable(
          'Records by collection',
          ['Collection', 'Records'],
          counts.map(([name, count]) => [
            name,
            h('span', { 'data-testid': `count-${name}` }, count),
          ]),
        ),
      ];
    },
    300,
  );
  const loadSeed = async () => {
    try {
      const content = await must(control.GET('/__mock/seed'));
      const text = JSON.stringify(content, null, 2);
      seed.textContent = text;
      URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      download.hidden = false;
    } catch (error) {
      fill(seedError, failed('Reading the seed', error));
    }
  };
  void loadSeed();

  const element = page(
    'Organization',
    summary.element,
    h('h2', null, 'Seed'),
    h(
      'p',
      { class: 'muted' },
      'What this organization was started from; post it to /__mock/seed or pass it to --seed to start another the same way.',
    ),
    seedError,
    download,
    h('details', null, h('summary', null, 'Show the seed'), seed),
  );
  return {
    title: 'Organization',
    element,
    dispose() {
      summary.dispose();
      URL.revokeObjectURL(download.href);
    },
  };
}
