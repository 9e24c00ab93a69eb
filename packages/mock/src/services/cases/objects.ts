import { invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { linkToAccount, toMany } from '../accounts/links.js';

/** Relationship of a case that holds objects of each id prefix. */
const relationshipOfPrefix: Record<string, string> = {
  act: 'accounts',
  inq: 'inquiries',
  rep: 'reports',
  ver: 'verifications',
  txn: 'txns',
  doc: 'documents',
};

/** Checks that every id names an object of this organization that a case can hold. */
export function checkObjects(org: Org, objectIds: string[], where: string): void {
  objectIds.forEach((id, i) => {
    const prefix = id.slice(0, id.indexOf('_'));
    if (!relationshipOfPrefix[prefix] || !org.findById(id)) {
      throw invalid(`${where}[${i}] ${id} names no object of this organization`);
    }
  });
}

/**
 * Checks object ids (each must name an object of this organization) and links
 * them to the case; answers how many were not attached before.
 */
export function attachObjects(
  org: Org,
  record: ResourceRecord,
  objectIds: string[],
  where: string,
): number {
  checkObjects(org, objectIds, where);
  let added = 0;
  for (const id of objectIds) {
    const target = org.findById(id)!;
    const relationship = relationshipOfPrefix[id.slice(0, id.indexOf('_'))]!;
    const list = toMany(record, relationship);
    const linkage: Linkage = { type: target.type, id: target.id };
    if (!list.some((l) => l.id === linkage.id)) {
      list.push(linkage);
      added++;
    }
    if (target.type === 'account') {
      org
        .collection('accounts')
        .update(target.id, (a) => linkToAccount(a, 'cases', { type: 'case', id: record.id }));
    }
  }
  return added;
}
