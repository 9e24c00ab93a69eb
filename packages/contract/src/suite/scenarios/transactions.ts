// Transactions: recorded for an account by its reference id, reviewed (status,
// label, tags), then stripped of biometrics and redacted.
import { scenario } from './scenario.js';
import {
  accountsWithReference,
  notFoundStep,
  RULES_NEEDED,
  redactedRefusesUpdateStep,
  ref,
  retrieveAndFindStep,
  tagStep,
} from './support.js';

const txn = (id: unknown) => ({ 'transaction-id': String(id) });

export const transactions = scenario('transactions', { tags: ['transactions'] }, [
  {
    name: "record a transaction for a reference id: it joins that id's account",
    async run(ctx) {
      const reference = ref(ctx, 'buyer');
      ctx.state.reference = reference;
      const created = await ctx.api.call('createTransaction', {
        body: {
          data: {
            attributes: {
              'transaction-type-id': ctx.need('transactionTypeId'),
              'reference-id': reference,
              fields: { amount: 42.5, 'card-last-four': '4242' },
            },
          },
        },
        expect: [200, 201],
      });
      const transaction = created.body.data;
      ctx.state.transaction = transaction.id;
      ctx.assert.equal(transaction.attributes['reference-id'], reference, 'reference id');
      ctx.assert.equal(transaction.attributes.status, 'created', 'status of a new transaction');
      const accounts = await accountsWithReference(ctx, reference);
      ctx.assert.equal(accounts.length, 1, 'accounts holding the reference id');
      ctx.assert.includes(
        (transaction.relationships?.['related-objects']?.data ?? []).map(
          (l: { id: string }) => l.id,
        ),
        accounts[0],
        "the transaction's related account",
      );
    },
  },
  retrieveAndFindStep(
    'retrieve the transaction and find it by its reference id',
    'Transaction',
    (ctx) => ctx.state.transaction,
    'transaction-id',
    (ctx) => ({ 'filter[reference-id]': String(ctx.state.reference) }),
    'transactions of the reference id',
  ),
  {
    name: 'approve the transaction, then label it',
    async run(ctx) {
      const params = txn(ctx.state.transaction);
      const approved = await ctx.api.call('updateTransaction', {
        params,
        body: { data: { attributes: { status: 'approved' } } },
        expect: 200,
      });
      ctx.assert.equal(approved.body.data.attributes.status, 'approved', 'status');
      const labeled = await ctx.api.call('createTransactionLabel', {
        params,
        body: { meta: { label: 'legitimate', score: 0.97, 'model-version': 'contract-1' } },
        expect: 200,
      });
      const label = labeled.body.included?.[0];
      ctx.assert.equal(label?.attributes?.['model-label'], 'legitimate', 'the new label');
      ctx.assert.equal(
        labeled.body.data.relationships?.['transaction-label']?.data?.id,
        label?.id,
        "the transaction's label",
      );
    },
  },
  tagStep(
    'Transaction',
    (ctx) => txn(ctx.state.transaction),
    ['contract-review', 'contract-kept'],
    {
      addTwice: true,
    },
  ),
  {
    name: 'redact its biometrics, then the transaction',
    async run(ctx) {
      const params = txn(ctx.state.transaction);
      const stripped = await ctx.api.call('redactTransactionBiometrics', { params, expect: 200 });
      ctx.assert.equal(
        stripped.body.data.attributes['reference-id'],
        ctx.state.reference,
        'the reference id stays after a biometric redaction',
      );
      const redacted = await ctx.api.call('redactTransaction', { params, expect: 200 });
      ctx.assert.equal(redacted.body.data.attributes['reference-id'], null, 'reference id');
      ctx.assert.equal(
        redacted.body.data.attributes.fields?.['card-last-four']?.value,
        null,
        'a field value',
      );
    },
  },
  redactedRefusesUpdateStep(
    'Transaction',
    (ctx) => txn(ctx.state.transaction),
    { status: 'declined' },
    RULES_NEEDED,
  ),
  notFoundStep('a transaction', 'retrieveTransaction', 'transaction-id', 'txn'),
]);
