// Multipart uploads to Persona's list-item importers (`POST /importer/list-item/{kind}`):
// openapi-fetch sends JSON by default, so the form is built here, with the
// bracketed field names Persona reads.
import type { PersonaClient } from './client.js';
import { csvForm } from './csv-form.js';
import type { paths } from './generated/schema.js';

/** The kinds of list items Persona imports from CSV: `names`, `email-addresses`, … */
export type ListItemImportKind = {
  [P in keyof paths]: P extends `/importer/list-item/${infer Kind}` ? Kind : never;
}[keyof paths];

export interface ListItemImport {
  /** The list the items go in (`lst_…`); it must hold items of the kind imported. */
  listId: string;
  /** The CSV file: its text, or a Blob or File. Its header row names the kind's columns. */
  file: string | Blob;
  /** The file name sent with the upload; a File's own name when not given. */
  fileName?: string;
}

/** The multipart form of a list-item import. */
export function listItemImportForm({ listId, file, fileName }: ListItemImport): FormData {
  const form = csvForm(file, fileName, 'list-items.csv');
  form.set('data[attributes][list-id]', listId);
  return form;
}

/**
 * Uploads a CSV file of list items into a list, and answers openapi-fetch's
 * result: `data` is the importer (`importer/list-item/…`) with its counts.
 *
 * @example
 * const { data } = await importListItems(persona, 'email-addresses', {
 *   listId: 'lst_…',
 *   file: 'value,match_type\nfraud@example.com,email_address\n',
 * });
 */
export function importListItems(
  client: PersonaClient,
  kind: ListItemImportKind,
  upload: ListItemImport,
) {
  // Every kind's import takes the same form and answers the same document, so one path types them all.
  const path = `/importer/list-item/${kind}` as '/importer/list-item/names';
  const form = listItemImportForm(upload);
  return client.POST(path, {
    body: {
      'data[attributes][list-id]': upload.listId,
      'data[attributes][file]': typeof upload.file === 'string' ? upload.file : '',
    },
    bodySerializer: () => form,
  });
}
