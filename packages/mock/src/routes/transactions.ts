import type { RouteInput, RouteTable } from '../http/route.js';
import { redactTransaction, redactTransactionBiometrics } from '../services/redaction.js';
import { labelTransaction } from '../services/transactions/labels.js';
import {
  createTransaction,
  getTransaction,
  refuseRedactedTransaction,
  type TransactionInput,
  updateTransaction,
} from '../services/transactions/transactions.js';
import { attributesOf, listIndexed, metaOf, now } from './support.js';
import { tagRoutes } from './tags.js';

const id = (input: RouteInput) => input.params['transaction-id']!;
const origin = (input: RouteInput) => input.request.url.origin;

/** `filter[identifier][key]` and `[value]`: a field of the transaction and the value it holds. */
function identifierFilter(input: RouteInput) {
  const params = input.request.searchParams;
  const key = params.get('filter[identifier][key]');
  const value = params.get('filter[identifier][value]');
  if (key === null && value === null) return undefined;
  return (r: { attributes: Record<string, unknown> }) => {
    const fields = r.attributes.fields as Record<string, { value?: unknown }>;
    const field = key === null ? undefined : fields[key];
    return field !== undefined && (value === null || String(field.value) === value);
  };
}

export const transactionRoutes: RouteTable = {
  listTransactions: (input) =>
    listIndexed(
      input,
      'transactions',
      { reference: 'reference-id', 'transaction-type': 'transaction-type-id' },
      identifierFilter(input),
    ),
  createTransaction: (input) => ({
    status: 201,
    data: createTransaction(
      input.org,
      now(input),
      origin(input),
      attributesOf(input) as TransactionInput,
    ),
  }),
  retrieveTransaction: (input) => ({ status: 200, data: getTransaction(input.org, id(input)) }),
  updateTransaction: (input) => {
    const attributes = attributesOf(input) as TransactionInput;
    const { transaction, label } = updateTransaction(
      input.org,
      now(input),
      origin(input),
      id(input),
      attributes,
      attributes.label !== undefined ? { label: attributes.label } : undefined,
    );
    return { status: 200, data: transaction, ...(label ? { included: [label] } : {}) };
  },
  redactTransaction: (input) => ({
    status: 200,
    data: redactTransaction(input.org, now(input), id(input)),
  }),
  createTransactionLabel: (input) => {
    const transaction = getTransaction(input.org, id(input));
    refuseRedactedTransaction(transaction, 'labeled');
    const meta = metaOf(input) as { label: string; score?: number; 'model-version'?: string };
    const label = labelTransaction(input.org, now(input), transaction, meta);
    return { status: 200, data: transaction, included: [label] };
  },
  redactTransactionBiometrics: (input) => ({
    status: 200,
    data: redactTransactionBiometrics(input.org, now(input), id(input)),
  }),
  ...tagRoutes({
    kind: 'Transaction',
    collection: 'transactions',
    param: 'transaction-id',
    get: getTransaction,
  }),
};
