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

export type AccountLinkKind = 'inquiries' | 'reports' | 'cases' | 'transactions';

/**
 * The objects of one kind that belong to an account. Persona's account has
 * no relationships for them, so the mock keeps them in `internal` (for
 * consolidation, redaction and the cases filter), never answered.
 */
export function accountLinks(account: ResourceRecord, kind: AccountLinkKind): Linkage[] {
  account.internal ??= {};
  account.internal.links ??= {};
  const links = account.internal.links as Record<string, Linkage[]>;
  links[kind] ??= [];
  return links[kind];
}

/** The account's objects of one kind, without changing the account. */
export function linkedTo(account: ResourceRecord, kind: AccountLinkKind): readonly Linkage[] {
  return (account.internal?.links as Record<string, Linkage[]> | undefined)?.[kind] ?? [];
}

/** Links an object to an account, once. */
export function linkToAccount(account: ResourceRecord, kind: AccountLinkKind, linkage: Linkage) {
  const list = accountLinks(account, kind);
  if (!list.some((l) => l.id === linkage.id)) list.push(linkage);
}
