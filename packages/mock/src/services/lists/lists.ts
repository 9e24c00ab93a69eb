// Lists: named sets of values of one kind. Archiving keeps a list readable
// but it matches nothing and takes no new items.
import { found, invalid, notFound } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { kindOfList, type ListKind, listType } from './kinds.js';

export interface NewList {
  name: string;
  'allow-fuzzy-name-first'?: boolean;
}

export function createList(
  org: Org,
  now: string,
  kind: ListKind,
  input: NewList,
  id = org.newId('lst'),
): ResourceRecord {
  const attributes: Record<string, unknown> = {
    name: input.name,
    status: 'active',
    'created-at': now,
    'updated-at': now,
    'archived-at': null,
  };
  // Only name lists have the fuzzy first-name switch.
  if (kind.plural === 'names') {
    attributes['allow-fuzzy-name-first'] = input['allow-fuzzy-name-first'] ?? false;
  }
  return org.collection('lists').insert({
    type: listType(kind),
    id,
    attributes,
    // Persona documents the entries of `list-items` as objects with no members, and
    // answers none in every example: the mock answers none too (items are on the control plane).
    relationships: { 'list-items': { data: [] } },
  });
}

export function getList(org: Org, id: string): ResourceRecord {
  return found(org.collection('lists').get(id), 'list', id);
}

/** Archives a list; an archived list is answered as it is. */
export function archiveList(org: Org, now: string, id: string): ResourceRecord {
  const list = getList(org, id);
  if (list.attributes.status === 'archived') return list;
  return org.collection('lists').update(id, (l) => {
    l.attributes.status = 'archived';
    l.attributes['archived-at'] = now;
    l.attributes['updated-at'] = now;
  });
}

/**
 * The list `field` names, which must be an active list of `kind`: a list that
 * does not exist is `missing` (404 for a list item's create, 422 for an
 * import, as Persona documents them), one of another kind or archived a 422.
 */
export function listForItems(
  org: Org,
  kind: ListKind,
  id: string,
  field: string,
  missing: 'not-found' | 'invalid',
): ResourceRecord {
  const list = org.collection('lists').get(id);
  if (!list) {
    if (missing === 'not-found') throw notFound('list', id);
    throw invalid(`${field} ${id} names no list`);
  }
  const held = kindOfList(list.type);
  if (list.type !== listType(kind)) {
    throw invalid(
      `${field} ${id} is a list of ${held?.plural.replace(/-/g, ' ') ?? list.type}, not of ${kind.plural.replace(/-/g, ' ')}`,
    );
  }
  if (list.attributes.status === 'archived') {
    throw invalid(`${field} ${id} names an archived list, which takes no new items`);
  }
  return list;
}
