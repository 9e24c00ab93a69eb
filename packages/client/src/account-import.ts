// Multipart uploads to Persona's account importer (`POST /importer/accounts`):
// openapi-fetch sends JSON by default, so the form is built here.
import type { PersonaClient } from './client.js';
import { csvForm } from './csv-form.js';
import type { components } from './generated/schema.js';

export interface AccountImport {
  /** The CSV file: its text, or a Blob or File, with a header row of the importer's columns. */
  file: string | Blob;
  /** The file name sent with the upload; a File's own name when not given. */
  fileName?: string;
  /** Create new accounts, update existing ones (by reference id), or both. */
  mode?: components['schemas']['ImporterMode'];
}

/** The multipart form of an account import. */
export function accountImportForm({ file, fileName, mode }: AccountImport): FormData {
  const form = csvForm(file, fileName, 'accounts.csv');
  if (mode) form.set('data[attributes][mode]', mode);
  return form;
}

/**
 * Uploads a CSV file of accounts and answers openapi-fetch's result: `data`
 * is the importer (`importer/account`); read it again for its counts.
 *
 * @example
 * const { data } = await importAccounts(persona, {
 *   file: 'reference_id,name_first\nuser-1,Ada\n',
 *   mode: 'upsert',
 * });
 */
export function importAccounts(client: PersonaClient, upload: AccountImport) {
  const form = accountImportForm(upload);
  return client.POST('/importer/accounts', {
    body: {
      'data[attributes][file]': typeof upload.file === 'string' ? upload.file : '',
      ...(upload.mode ? { 'data[attributes][mode]': upload.mode } : {}),
    },
    bodySerializer: () => form,
  });
}
