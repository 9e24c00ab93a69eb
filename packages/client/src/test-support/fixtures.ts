import type { components } from '../generated/schema.js';

type Account = components['schemas']['Account'];

/** An account id of the right shape: `act_` then 24 characters. */
export function accountId(n: number): string {
  return `act_${String(n).padStart(24, '0')}`;
}

export function account(id = accountId(1)): Account {
  return {
    type: 'account',
    id,
    attributes: {
      'reference-id': `user-${id.slice(-4)}`,
      'account-type-name': 'User',
      'created-at': '2024-05-02T09:14:05.000Z',
      'updated-at': '2024-05-06T16:40:12.000Z',
      'redacted-at': null,
      tags: [],
      fields: {},
    },
    relationships: {
      'account-type': { data: { type: 'account-type', id: 'acttp_wfPTWyooKpUJqrKekoeLytOZ' } },
    },
  };
}

export function errorDocument(title: string, details?: string) {
  return { errors: [details === undefined ? { title } : { title, details }] };
}
