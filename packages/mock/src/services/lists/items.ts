// List items: one value (or a few, for names and places) in a list of its kind.
import { invalid, notFound } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { readItemValues } from './item-values.js';
import { itemType, type ListKind } from './kinds.js';
import { listForItems } from './lists.js';

/** Stores items of one list, each as Persona answers a new item: `pending`. */
export function insertItems(
  org: Org,
  now: string,
  kind: ListKind,
  listId: string,
  values: Record<string, unknown>[],
  creator: Linkage | null,
): ResourceRecord[] {
  const items = values.map((attributes) =>
    org.collection('list-items').insert({
      type: itemType(kind),
      id: org.newId(kind.itemPrefix),
      attributes: {
        status: 'pending',
        'created-at': now,
        'updated-at': now,
        'archived-at': null,
        'redacted-at': null,
        'match-count': 0,
        ...attributes,
      },
      relationships: { creator: { data: creator } },
      // Persona's item has no relationship to its list: the mock keeps the link aside.
      internal: { listId },
    }),
  );
  return items;
}

/**
 * Indexing is instant in the mock: an item is answered `pending`, as Persona
 * answers a new one, and is `active` from then on.
 */
export function activate(org: Org, item: ResourceRecord): void {
  org.collection('list-items').update(item.id, (i) => {
    if (i.attributes.status === 'pending') i.attributes.status = 'active';
  });
}

/** Creates one item from a request's attributes; a wrong value is a 422 naming the attribute. */
export function createItem(
  org: Org,
  now: string,
  kind: ListKind,
  input: Record<string, unknown>,
): ResourceRecord {
  const listId = String(input['list-id']);
  const { attributes, errors } = readItemValues(
    kind,
    (f) => input[f.attribute],
    (f) => `data.attributes.${f.attribute}`,
    'data.attributes',
  );
  if (errors.length > 0) throw invalid(errors.join('; '));
  listForItems(org, kind, listId, 'data.attributes.list-id', 'not-found');
  const [item] = insertItems(org, now, kind, listId, [attributes], null);
  const answered = structuredClone(item!);
  activate(org, item!);
  return answered;
}

/** The item of that kind and id; one of another kind is not found, as on Persona. */
export function getItem(org: Org, kind: ListKind, id: string): ResourceRecord {
  const item = org.collection('list-items').get(id);
  if (!item || item.type !== itemType(kind)) throw notFound(itemType(kind), id);
  return item;
}

/** Archives an item: it stays readable and matches nothing; archiving again changes nothing. */
export function archiveItem(org: Org, now: string, kind: ListKind, id: string): ResourceRecord {
  const item = getItem(org, kind, id);
  if (item.attributes.status === 'archived') return item;
  return org.collection('list-items').update(id, (i) => {
    i.attributes.status = 'archived';
    i.attributes['archived-at'] = now;
    i.attributes['updated-at'] = now;
  });
}

/** The ids of a list's items, archived ones too, oldest first. */
export function itemIdsOf(org: Org, listId: string): string[] {
  return org.collection('list-items').lookup('list', listId);
}

/** The list's items that still match: what an import counts as duplicates. */
export function activeItemsOf(org: Org, listId: string): ResourceRecord[] {
  const items = org.collection('list-items');
  return itemIdsOf(org, listId)
    .map((id) => items.get(id)!)
    .filter((i) => i.attributes.status !== 'archived');
}
