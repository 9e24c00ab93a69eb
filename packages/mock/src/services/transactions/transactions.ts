import { conflict, found } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { accountLinks, linkToAccount } from '../accounts/links.js';
import { resolveAccount } from '../accounts/resolve.js';
import { recordEvent } from '../events.js';
import { typed } from '../fields.js';
import { keepUpload, type Upload } from '../files.js';
import { type LabelInput, labelTransaction } from './labels.js';

export interface TransactionInput {
  'transaction-type-id'?: string;
  fields?: Record<string, unknown>;
  'reference-id'?: string;
  tags?: string[] | null;
  status?: string;
  label?: string;
}

export function getTransaction(org: Org, id: string): ResourceRecord {
  return found(org.collection('transactions').get(id), 'transaction', id);
}

/** Redaction is final: a redacted transaction takes no more changes. */
export function refuseRedactedTransaction(transaction: ResourceRecord, action: string): void {
  if (transaction.internal?.redactedAt) {
    throw conflict(`transaction ${transaction.id} was redacted and cannot be ${action}`);
  }
}

const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Upload).data === 'string' &&
  typeof (value as Upload).filename === 'string';

/**
 * Field inputs as typed values: an uploaded file (`{ data, filename }`)
 * becomes a `file` field the mock serves; anything else is typed by its JSON
 * value. Persona checks names and types against the transaction type, whose
 * configuration the mock does not hold, so every name is taken.
 */
function typeInputs(
  transaction: ResourceRecord,
  origin: string,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    out[key] = isUpload(value)
      ? {
          type: 'file',
          value: keepUpload(transaction, origin, value, `data.attributes.fields.${key}`),
        }
      : typed(value);
  }
  return out;
}

const accountLinkage = (account: ResourceRecord): Linkage => ({ type: 'account', id: account.id });

/**
 * The account a reference id names, found or created under the rules
 * inquiries follow; a transaction without a reference id belongs to none.
 */
function accountFor(org: Org, now: string, referenceId: string | undefined) {
  return referenceId === undefined ? null : resolveAccount(org, now, { referenceId });
}

/** Ties a transaction to an account both ways: its related objects, and the account's transactions. */
function tie(org: Org, transaction: ResourceRecord, account: ResourceRecord): void {
  const related = transaction.relationships!['related-objects']!.data as Linkage[];
  transaction.relationships!['related-objects'] = {
    data: [...related.filter((l) => l.type !== 'account'), accountLinkage(account)],
  };
  org
    .collection('accounts')
    .update(account.id, (a) =>
      linkToAccount(a, 'transactions', { type: 'transaction', id: transaction.id }),
    );
}

function untie(org: Org, transaction: ResourceRecord): void {
  const related = transaction.relationships!['related-objects']!.data as Linkage[];
  for (const link of related.filter((l) => l.type === 'account')) {
    if (!org.collection('accounts').has(link.id)) continue;
    org.collection('accounts').update(link.id, (a) => {
      const list = accountLinks(a, 'transactions');
      const at = list.findIndex((l) => l.id === transaction.id);
      if (at >= 0) list.splice(at, 1);
    });
  }
}

/** Records a transaction of a type, `created`, tied to the account of its reference id. */
export function createTransaction(
  org: Org,
  now: string,
  origin: string,
  input: TransactionInput,
): ResourceRecord {
  const referenceId = input['reference-id'];
  const account = accountFor(org, now, referenceId);
  const transaction: ResourceRecord = {
    type: 'transaction',
    id: org.newId('txn'),
    attributes: {
      status: 'created',
      'reference-id': referenceId ?? null,
      fields: {},
      tags: [...new Set(input.tags ?? [])],
      'created-at': now,
      'updated-at': now,
    },
    relationships: {
      reviewer: { data: null },
      'transaction-label': { data: null },
      'transaction-type': {
        data: { type: 'transaction-type', id: input['transaction-type-id']! },
      },
      'related-objects': { data: [] },
    },
  };
  transaction.attributes.fields = typeInputs(transaction, origin, input.fields ?? {});
  if (account) tie(org, transaction, account);
  org.collection('transactions').insert(transaction);
  recordEvent(org, now, 'transaction.created', transaction);
  return transaction;
}

/**
 * Changes what was given: fields are merged, tags replaced, a new reference
 * id moves the transaction to that account, a new status is announced, and a
 * label is given as Create a transaction label gives it. Answers the
 * transaction and the new label, if any.
 */
export function updateTransaction(
  org: Org,
  now: string,
  origin: string,
  id: string,
  input: TransactionInput,
  label?: LabelInput,
): { transaction: ResourceRecord; label: ResourceRecord | null } {
  const transaction = getTransaction(org, id);
  refuseRedactedTransaction(transaction, 'updated');
  const before = transaction.attributes.status;
  const referenceId = input['reference-id'];
  const moved = referenceId !== undefined && referenceId !== transaction.attributes['reference-id'];
  const account = moved ? accountFor(org, now, referenceId) : null;
  org.collection('transactions').update(id, (t) => {
    if (input.fields) {
      t.attributes.fields = {
        ...(t.attributes.fields as object),
        ...typeInputs(t, origin, input.fields),
      };
    }
    if (input.tags) t.attributes.tags = [...new Set(input.tags)];
    if (input.status !== undefined) t.attributes.status = input.status;
    if (moved && account) {
      untie(org, t);
      t.attributes['reference-id'] = referenceId;
      tie(org, t, account);
    }
    t.attributes['updated-at'] = now;
  });
  if (input.status !== undefined && input.status !== before) {
    recordEvent(org, now, 'transaction.status-updated', transaction);
  }
  const made = label ? labelTransaction(org, now, transaction, label) : null;
  return { transaction, label: made };
}
