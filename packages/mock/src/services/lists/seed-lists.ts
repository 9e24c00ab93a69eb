// Lists a seed names: made once, so that seeding again keeps their items.
import type { Org } from '../../core/org.js';
import type { SeedList } from '../../core/seed-types.js';
import { listKinds } from './kinds.js';
import { createList } from './lists.js';

/** Adds the seed's lists the organization lacks; answers how many the seed names. */
export function seedLists(org: Org, now: string, lists: SeedList[]): number {
  for (const list of lists) {
    const kind = listKinds.find((k) => k.plural === list.kind);
    if (!kind || org.collection('lists').has(list.id)) continue;
    createList(org, now, kind, { name: list.name }, list.id);
  }
  return lists.length;
}
