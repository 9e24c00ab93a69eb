// An inquiry's verifications, read one by one (the API lists them only as the
// inquiry's relationships), each linked to its own page.
import type { Connection, Linkage, Resource } from '../connection.js';
import { type Child, h, scrollingTable, time } from '../dom.js';
import { hrefOf } from '../kinds.js';
import { failed } from '../view.js';

export async function verificationsOf(connection: Connection, inquiry: Resource): Promise<Child> {
  const linkage = inquiry.relationships?.verifications?.data;
  const list = (Array.isArray(linkage) ? linkage : linkage ? [linkage] : []) as Linkage[];
  const title = h('h2', null, 'Verifications');
  if (list.length === 0) return [title, h('p', { class: 'muted' }, 'None yet.')];
  try {
    const rows = await Promise.all(
      list.map((l) =>
        connection.api<{ data: Resource }>(`/verifications/${encodeURIComponent(l.id)}`),
      ),
    );
    return [
      title,
      scrollingTable(
        `Verifications of ${inquiry.id}`,
        ['Id', 'Type', 'Status', 'Created'],
        rows.map(({ data }) => [
          h('a', { href: hrefOf(data.type, data.id) ?? '#' }, data.id),
          data.type,
          h(
            'span',
            {
              class: `state state-${String(data.attributes.status)}`,
              'data-testid': 'verification-status',
            },
            String(data.attributes.status ?? '—'),
          ),
          time(data.attributes['created-at']),
        ]),
      ),
    ];
  } catch (error) {
    return [title, failed('Reading the verifications', error)];
  }
}
