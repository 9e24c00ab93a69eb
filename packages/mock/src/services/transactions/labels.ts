import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { recordEvent } from '../events.js';

export interface LabelInput {
  label: string;
  score?: number | undefined;
  'model-version'?: string | undefined;
}

/**
 * Gives a transaction a new label, which becomes its `transaction-label`;
 * earlier labels stay stored. The score is kept but, as on Persona, not
 * answered. The caller checked the transaction may change.
 */
export function labelTransaction(
  org: Org,
  now: string,
  transaction: ResourceRecord,
  input: LabelInput,
): ResourceRecord {
  const label = org.collection('transaction-labels').insert({
    type: 'transaction-label',
    id: org.newId('txnl'),
    attributes: {
      'model-label': input.label,
      'model-version': input['model-version'] ?? null,
      'created-at': now,
      'updated-at': now,
    },
    internal: {
      transactionId: transaction.id,
      ...(input.score !== undefined ? { score: input.score } : {}),
    },
  });
  org.collection('transactions').update(transaction.id, (t) => {
    t.relationships!['transaction-label'] = { data: { type: label.type, id: label.id } };
    t.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'transaction.labeled', transaction);
  return label;
}
