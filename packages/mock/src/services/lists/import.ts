// The list-item importers: a CSV file of items for one list. The file as a
// whole is refused (422) when it is not CSV or names columns the kind does
// not take; then each row is added, skipped as a duplicate, or counted as an
// error, and the importer answers those counts as Persona's does.
import { invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { csvRecords } from '../csv-text.js';
import { cellValue, itemKey, readItemValues } from './item-values.js';
import { activate, activeItemsOf, insertItems } from './items.js';
import { creatorType, importerType, type ListKind } from './kinds.js';
import { listForItems } from './lists.js';

const FILE = 'data[attributes][file]';

interface RowError {
  row: number;
  errors: string[];
}

/** The header's columns, each the index of a field of the kind (null for a blank header cell). */
function readCsv(kind: ListKind, text: string): { columns: (number | null)[]; rows: string[][] } {
  const names = kind.fields.map((f) => f.column);
  const [header, ...rows] = csvRecords(text, FILE);
  const columns = (header ?? []).map((cell) => {
    const name = cell.toLowerCase().replace(/[\s-]+/g, '_');
    return name === '' ? null : names.indexOf(name);
  });
  if (!columns.some((c) => c !== null && c >= 0)) {
    throw invalid(`${FILE} needs a header row naming its columns (${names.join(', ')})`);
  }
  const unknown = (header ?? []).filter((_, i) => columns[i] === -1);
  if (unknown.length > 0) {
    throw invalid(
      `${FILE} has columns a ${kind.singular.replace(/-/g, ' ')} list does not take: ${unknown.join(', ')} (it takes ${names.join(', ')})`,
    );
  }
  return { columns, rows };
}

/** Imports the file's items into the list and records the importer, `ready` with its counts. */
export function importListItems(
  org: Org,
  now: string,
  kind: ListKind,
  listId: string,
  text: string,
  fileName?: string,
): ResourceRecord {
  listForItems(org, kind, listId, 'data[attributes][list-id]', 'invalid');
  const { columns, rows } = readCsv(kind, text);
  const seen = new Set(activeItemsOf(org, listId).map((i) => itemKey(kind, i.attributes)));
  const accepted: Record<string, unknown>[] = [];
  const rowErrors: RowError[] = [];
  let duplicates = 0;
  rows.forEach((cells, i) => {
    const cellOf = (field: number) => cells[columns.indexOf(field)];
    const { attributes, errors } = readItemValues(
      kind,
      (f) => cellValue(f, cellOf(kind.fields.indexOf(f))),
      (f) => f.column,
      'the row',
    );
    if (errors.length > 0) {
      // Numbered as in the file, the header being row 1.
      rowErrors.push({ row: i + 2, errors });
      return;
    }
    const key = itemKey(kind, attributes);
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      accepted.push(attributes);
    }
  });
  const id = org.newId('mprt');
  const items = insertItems(org, now, kind, listId, accepted, { type: creatorType(kind), id });
  for (const item of items) activate(org, item);
  const importer: ResourceRecord = {
    type: importerType(kind),
    id,
    attributes: {
      status: 'ready',
      'created-at': now,
      'completed-at': now,
      'successful-count': items.length,
      'error-count': rowErrors.length,
      'duplicate-count': duplicates,
    },
    // Persona's importer answers counts only: the rest is read on /__mock/objects/{id}.
    internal: { listId, fileName: fileName ?? null, rowErrors },
  };
  return org.collection('importers').insert(importer);
}
