import type { Linkage, ResourceRecord } from '../../core/types.js';

/** A to-many relationship's list, made empty first when the record has none. */
export function toMany(record: ResourceRecord, name: string): Linkage[] {
  record.relationships ??= {};
  let rel = record.relationships[name];
  if (!rel || !Array.isArray(rel.data)) {
    rel = { data: [] };
    record.relationships[name] = rel;
  }
  return rel.data as Linkage[];
}

/** Links an object to an account (both directions), once. */
export function linkToAccount(
  account: ResourceRecord,
  kind: 'inquiries' | 'reports' | 'cases',
  linkage: Linkage,
) {
  const list = toMany(account, kind);
  if (!list.some((l) => l.id === linkage.id)) list.push(linkage);
}
