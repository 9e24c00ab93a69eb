// Lists, list items and list-item importers: one route of each operation per
// kind, made from the table of kinds.
import { invalid } from '../core/errors.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { importListItems } from '../services/lists/import.js';
import { archiveItem, createItem, getItem } from '../services/lists/items.js';
import { listKinds, pascalOf } from '../services/lists/kinds.js';
import { archiveList, createList, getList, type NewList } from '../services/lists/lists.js';
import { attributesOf, listByStatus, now, one } from './support.js';

const listId = (input: RouteInput) => input.params['list-id']!;
const itemId = (input: RouteInput) => input.params['list-item-id']!;

/** The CSV text and file name of a multipart upload, and the list it is for. */
async function upload(input: RouteInput) {
  const form = input.body as FormData;
  const file = form.get('data[attributes][file]');
  if (file === null) throw invalid('data[attributes][file] is required');
  const list = form.get('data[attributes][list-id]');
  if (typeof list !== 'string') throw invalid('data[attributes][list-id] is required');
  const text = typeof file === 'string' ? file : await file.text();
  const fileName = typeof file === 'string' ? undefined : file.name || undefined;
  return { list, text, fileName };
}

export const listRoutes: RouteTable = {
  listLists: (input) => listByStatus(input, input.org.collection('lists')),
  retrieveList: (input) => one(getList(input.org, listId(input))),
  archiveList: (input) => one(archiveList(input.org, now(input), listId(input))),
};

for (const kind of listKinds) {
  const name = pascalOf(kind);
  if (kind.creatable) {
    listRoutes[`create${name}List`] = (input) =>
      one(createList(input.org, now(input), kind, attributesOf(input) as unknown as NewList), 201);
  }
  listRoutes[`create${name}ListItem`] = (input) =>
    one(createItem(input.org, now(input), kind, attributesOf(input)), 201);
  listRoutes[`retrieve${name}ListItem`] = (input) => one(getItem(input.org, kind, itemId(input)));
  listRoutes[`archive${name}ListItem`] = (input) =>
    one(archiveItem(input.org, now(input), kind, itemId(input)));
  if (kind.importable) {
    listRoutes[`import${name}ListItems`] = async (input) => {
      const { list, text, fileName } = await upload(input);
      return one(importListItems(input.org, now(input), kind, list, text, fileName), 201);
    };
  }
}
