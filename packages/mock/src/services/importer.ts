import { isCalendarDate } from '../core/dates.js';
import { invalid } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { accountTypeOf, findByReference, insertAccount } from './accounts/accounts.js';
import { isPersonalRequestAttribute, personalFields } from './accounts/personal.js';
import { csvRecords } from './csv-text.js';
import { shallowSnapshot } from './events.js';
import { recordTagChanges } from './tags.js';

export type ImportMode = 'create' | 'update' | 'upsert';
export const importModes: readonly ImportMode[] = ['create', 'update', 'upsert'];

/** The columns Persona's account importer takes, and the account attribute each fills. */
const columnAttributes = {
  reference_id: 'reference-id',
  name_first: 'name-first',
  name_middle: 'name-middle',
  name_last: 'name-last',
  birthdate: 'birthdate',
  social_security_number: 'social-security-number',
  tags: 'tags',
} as const;

export type ImportColumn = keyof typeof columnAttributes;
export const importColumns = Object.keys(columnAttributes) as ImportColumn[];

/** Where the file comes from, for messages: the form field of the upload. */
const FILE = 'data[attributes][file]';

/** A parsed file: the column of each position (null for a blank header cell) and the data rows. */
export interface AccountCsv {
  columns: (ImportColumn | null)[];
  rows: string[][];
}

export interface RowError {
  row: number;
  'reference-id': string | null;
  errors: string[];
}

/** What an import will do, decided for every row before anything is written. */
export interface ImportPlan {
  mode: ImportMode;
  rows: number;
  accountTypeId: string;
  creates: Record<string, unknown>[];
  updates: { id: string; attributes: Record<string, unknown> }[];
  duplicates: number;
  rowErrors: RowError[];
}

export interface ImportOptions {
  fileName?: string | undefined;
  /** Called as rows are written: after every tenth of them, and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** `Reference-ID`, `reference-id` and `reference id` all name `reference_id`. */
function columnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Reads the CSV text of an upload. A file that is not CSV text, has no header
 * row, or names columns the importer does not take is a 422 naming the
 * problem: such a file is refused as a whole, before any row is looked at.
 */
export function parseAccountCsv(text: string): AccountCsv {
  if (text.trim() === '') {
    throw invalid(
      `${FILE} is empty: it needs a header row naming the columns (${importColumns.join(', ')})`,
    );
  }
  const [header, ...rows] = csvRecords(text, FILE);
  if (!header) {
    throw invalid(`${FILE} has no header row naming the columns (${importColumns.join(', ')})`);
  }
  const names = header.map(columnName);
  const known = new Set<string>(importColumns);
  if (!names.some((name) => known.has(name))) {
    throw invalid(
      `${FILE} has no header row: its first row must name the columns (${importColumns.join(', ')})`,
    );
  }
  const unknown = header.filter((_, i) => names[i] !== '' && !known.has(names[i]!));
  if (unknown.length > 0) {
    throw invalid(
      `${FILE} has columns the account importer does not take: ${unknown.join(', ')} (it takes ${importColumns.join(', ')})`,
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (seen.has(name)) throw invalid(`${FILE} names the column ${name} twice`);
    seen.add(name);
  }
  if (!seen.has('reference_id')) {
    throw invalid(
      `${FILE} has no reference_id column: every account is matched by its reference id`,
    );
  }
  return { columns: names.map((name) => (name === '' ? null : (name as ImportColumn))), rows };
}

const ssnPattern = /^\d{3}-?\d{2}-?\d{4}$/;

/** A row's account attributes (only the cells that hold a value) and what is wrong with it. */
function readRow(
  csv: AccountCsv,
  cells: string[],
): { referenceId: string | null; attributes: Record<string, unknown>; errors: string[] } {
  const errors: string[] = [];
  const attributes: Record<string, unknown> = {};
  const { columns } = csv;
  for (let i = columns.length; i < cells.length; i++) {
    if (cells[i] !== '') {
      errors.push(`has ${cells.length} values but the header names ${columns.length} columns`);
      break;
    }
  }
  let referenceId: string | null = null;
  for (let i = 0; i < columns.length; i++) {
    const value = cells[i] ?? '';
    const column = columns[i];
    if (value === '') continue;
    if (column === null || column === undefined) {
      errors.push(`has a value (${value}) in column ${i + 1}, which the header does not name`);
      continue;
    }
    switch (column) {
      case 'reference_id':
        referenceId = value;
        break;
      case 'birthdate':
        if (!isCalendarDate(value)) errors.push(`birthdate ${value} is not a date (YYYY-MM-DD)`);
        break;
      case 'social_security_number':
        if (!ssnPattern.test(value)) {
          errors.push('social_security_number must be 9 digits (123-45-6789 or 123456789)');
        }
        break;
      case 'tags': {
        const tags = [
          ...new Set(
            value
              .split(/[;|]/)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
        const long = tags.find((t) => t.length > 255);
        if (long) errors.push(`tag ${long.slice(0, 20)}… is longer than 255 characters`);
        attributes.tags = tags;
        continue;
      }
    }
    attributes[columnAttributes[column]] = value;
  }
  if (referenceId === null) errors.push('reference_id is missing');
  return { referenceId, attributes, errors };
}

/**
 * Decides every row: a row with errors is reported and skipped; a reference
 * id seen earlier in the file is a duplicate; otherwise the mode says whether
 * the row creates an account (create, upsert), updates the account with that
 * reference id (update, upsert), is a duplicate (create, when the account
 * exists) or fails (update, when none does). Nothing is written here.
 */
export function planImport(org: Org, csv: AccountCsv, mode: ImportMode): ImportPlan {
  const type = accountTypeOf(org, undefined, 'account type');
  const plan: ImportPlan = {
    mode,
    rows: csv.rows.length,
    accountTypeId: type.id,
    creates: [],
    updates: [],
    duplicates: 0,
    rowErrors: [],
  };
  const seen = new Set<string>();
  for (let i = 0; i < csv.rows.length; i++) {
    const row = i + 1;
    const { referenceId, attributes, errors } = readRow(csv, csv.rows[i]!);
    if (referenceId === null || errors.length > 0) {
      plan.rowErrors.push({ row, 'reference-id': referenceId, errors });
      continue;
    }
    if (seen.has(referenceId)) {
      plan.duplicates++;
      continue;
    }
    seen.add(referenceId);
    const existing = findByReference(org, type.id, referenceId);
    if (!existing) {
      if (mode === 'update') {
        const reason = `no account has reference id ${referenceId}`;
        plan.rowErrors.push({ row, 'reference-id': referenceId, errors: [reason] });
      } else plan.creates.push(attributes);
    } else if (mode === 'create') plan.duplicates++;
    else {
      const { 'reference-id': _, ...changes } = attributes;
      plan.updates.push({ id: existing.id, attributes: changes });
    }
  }
  return plan;
}

/**
 * Writes a plan in one go (rows were checked by `planImport`, so no row can
 * fail half-way) and records the importer, answered `ready` with its counts.
 * New accounts are stored as `createAccount` stores them, by the same code,
 * without its checks: the plan made them.
 */
export function applyImport(
  org: Org,
  now: string,
  plan: ImportPlan,
  options: ImportOptions = {},
): ResourceRecord {
  const accounts = org.collection('accounts');
  const type = org.collection('account-types').get(plan.accountTypeId)!;

  const total = plan.creates.length + plan.updates.length;
  const step = Math.max(1, Math.ceil(total / 10));
  let done = 0;
  const progress = () => {
    done++;
    if (options.onProgress && (done % step === 0 || done === total))
      options.onProgress(done, total);
  };
  for (const attrs of plan.creates) {
    insertAccount(org, now, type, attrs);
    progress();
  }
  for (const { id, attributes: changes } of plan.updates) {
    // Persona sends no event for an account's edits, imported or not: only for its tags.
    let tagsBefore: string[] = [];
    const account = accounts.update(id, (a) => {
      tagsBefore = a.attributes.tags as string[];
      for (const [name, value] of Object.entries(changes))
        if (!isPersonalRequestAttribute(name)) a.attributes[name] = value;
      const current = (a.attributes.fields as Record<string, unknown> | undefined) ?? {};
      a.attributes.fields = personalFields(current, changes);
      a.attributes['updated-at'] = now;
    });
    recordTagChanges(
      org,
      now,
      account,
      tagsBefore,
      account.attributes.tags as string[],
      shallowSnapshot,
    );
    progress();
  }
  if (total === 0) options.onProgress?.(0, 0);
  const importer: ResourceRecord = {
    type: 'importer/account',
    id: org.newId('mprt'),
    attributes: {
      status: 'ready',
      'created-at': now,
      'completed-at': now,
      'successful-count': total,
      'error-count': plan.rowErrors.length,
      'duplicate-count': plan.duplicates,
    },
    // Persona's importer answers counts only: the rest is read on /__mock/objects/{id}.
    internal: {
      fileName: options.fileName ?? null,
      mode: plan.mode,
      createdCount: plan.creates.length,
      updatedCount: plan.updates.length,
      rowErrors: plan.rowErrors,
    },
  };
  org.collection('importers').insert(importer);
  return importer;
}

/** Imports accounts from CSV text: parse, check every row, then write the good rows. */
export function importAccounts(
  org: Org,
  now: string,
  text: string,
  mode: ImportMode,
  options: ImportOptions = {},
): ResourceRecord {
  return applyImport(org, now, planImport(org, parseAccountCsv(text), mode), options);
}

export function getImporter(org: Org, id: string): ResourceRecord | undefined {
  return org.collection('importers').get(id);
}
