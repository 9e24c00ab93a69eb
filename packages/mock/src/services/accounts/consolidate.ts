import { conflict, invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { recordEvent } from '../events.js';
import { getAccount } from './accounts.js';
import { type AccountLinkKind, accountLinks } from './links.js';

/**
 * Moves every inquiry, report, case and transaction of the sources to the destination and
 * archives each source. A source consolidates once: a second time is a 409.
 */
export function consolidateAccounts(
  org: Org,
  now: string,
  destinationId: string,
  sourceIds: string[],
): ResourceRecord {
  const destination = getAccount(org, destinationId);
  if (destination.internal?.consolidatedInto) {
    throw conflict(
      `account ${destinationId} was consolidated into ${destination.internal.consolidatedInto} and cannot receive others`,
    );
  }
  const unique = [...new Set(sourceIds)];
  const sources = unique.map((id, i) => {
    if (id === destinationId)
      throw invalid(`meta.source-account-ids[${i}] is the destination account itself`);
    const source = org.collection('accounts').get(id);
    if (!source)
      throw invalid(`meta.source-account-ids[${i}] ${id} names no account of this organization`);
    if (source.internal?.consolidatedInto) {
      throw conflict(
        `account ${id} has already been consolidated into ${source.internal.consolidatedInto}`,
      );
    }
    return source;
  });
  const accounts = org.collection('accounts');
  for (const source of sources) {
    for (const kind of ['inquiries', 'reports', 'cases', 'transactions'] as const) {
      const moved = accountLinks(source, kind);
      const list = accountLinks(destination, kind);
      for (const link of moved) {
        moveObject(org, now, kind, link.id, source.id, destination.id);
        if (!list.some((l) => l.id === link.id)) list.push(link);
      }
      moved.length = 0;
    }
    accounts.update(source.id, (s) => {
      s.internal = {
        ...s.internal,
        consolidatedInto: destination.id,
        consolidatedAt: now,
        status: 'archived',
      };
      s.attributes['updated-at'] = now;
    });
    for (const [account, other, key] of [
      [destination, source, 'consolidated-from'],
      [source, destination, 'consolidated-into'],
    ] as const) {
      org.collection('account-relations').insert({
        type: 'account-relation',
        id: org.newId('actrel'),
        attributes: { key, 'created-at': now },
        relationships: {
          account: { data: { type: 'account', id: account.id } },
          'related-account': { data: { type: 'account', id: other.id } },
        },
      });
    }
    recordEvent(org, now, 'account.archived', source);
  }
  accounts.update(destination.id, (d) => {
    d.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'account.consolidated', destination);
  return destination;
}

/** Points an inquiry, report, case or transaction at another account. */
function moveObject(
  org: Org,
  now: string,
  kind: AccountLinkKind,
  id: string,
  from: string,
  to: string,
) {
  const collection = org.collection(kind);
  if (!collection.has(id)) return;
  collection.update(id, (record) => {
    const rel = record.relationships ?? {};
    if (kind === 'cases') {
      const accounts = (rel.accounts?.data as Linkage[] | undefined) ?? [];
      const kept = accounts.filter((l) => l.id !== from);
      if (!kept.some((l) => l.id === to)) kept.push({ type: 'account', id: to });
      rel.accounts = { data: kept };
    } else if (kind === 'transactions') {
      const objects = (rel['related-objects']?.data as Linkage[] | undefined) ?? [];
      rel['related-objects'] = {
        data: objects.map((l) => (l.id === from ? { type: 'account', id: to } : l)),
      };
    } else {
      rel.account = { data: { type: 'account', id: to } };
    }
    // Reports carry no updated-at; the others record the move.
    if ('updated-at' in record.attributes) record.attributes['updated-at'] = now;
  });
}
