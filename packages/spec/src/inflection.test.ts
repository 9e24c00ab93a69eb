import { describe, expect, it } from 'vitest';
import { deinflectKeys, document, inflectKey, inflectKeys, kebabKey } from './index.js';
import { deinflectChecked } from './inflection.js';

const account = {
  data: {
    type: 'account',
    id: 'act_68h3lHszBfNOTSPxUYT6LUvR',
    attributes: {
      'reference-id': 'user-1042',
      'address-street-1': '48 Harbor View Rd',
      'social-security-number-last-4': '7720',
      fields: {
        'loyalty-tier': { type: 'string', value: 'gold' },
        home_address: { type: 'hash', value: { street_line: { type: 'string', value: 'x' } } },
      },
      tags: ['vip-customer'],
    },
    relationships: { 'account-type': { data: { type: 'account-type', id: 'acttp_1' } } },
  },
  included: [
    {
      type: 'event',
      id: 'evt_1',
      attributes: {
        payload: {
          data: {
            attributes: {
              'created-at': 't',
              fields: { 'my-field': { type: 'string', value: 'v' } },
            },
          },
        },
      },
    },
  ],
};

describe('key inflection', () => {
  it('converts kebab-case keys to camel and snake case', () => {
    expect(inflectKey('reference-id', 'camel')).toBe('referenceId');
    expect(inflectKey('address-street-1', 'camel')).toBe('addressStreet1');
    expect(inflectKey('reference-id', 'snake')).toBe('reference_id');
    expect(kebabKey('addressStreet1', 'camel')).toBe('address-street-1');
    expect(kebabKey('socialSecurityNumberLast4', 'camel')).toBe('social-security-number-last-4');
    expect(kebabKey('reference_id', 'snake')).toBe('reference-id');
  });

  it('converts keys but never values, and leaves fields alone (in an event payload too)', () => {
    const camel = inflectKeys(account, 'camel');
    expect(camel.data.attributes).toMatchObject({
      referenceId: 'user-1042',
      addressStreet1: '48 Harbor View Rd',
      tags: ['vip-customer'],
    });
    expect(camel.data.attributes.fields).toBe(account.data.attributes.fields);
    expect(camel.data.relationships).toEqual({
      accountType: { data: { type: 'account-type', id: 'acttp_1' } },
    });
    const payload = (
      camel.included[0]!.attributes.payload as { data: { attributes: Record<string, unknown> } }
    ).data.attributes;
    expect(payload).toEqual({
      createdAt: 't',
      fields: { 'my-field': { type: 'string', value: 'v' } },
    });
    expect(inflectKeys(account, 'snake').data.attributes).toHaveProperty(
      'social_security_number_last_4',
    );
  });

  it('round-trips through camel and snake case', () => {
    for (const casing of ['camel', 'snake'] as const) {
      const inflected = inflectKeys(account, casing);
      expect(deinflectKeys(inflected, casing)).toEqual(account);
      expect(inflectKeys(inflected, 'kebab', casing)).toEqual(account);
    }
    expect(inflectKeys(account, 'kebab')).toBe(account);
  });

  it('round-trips every property name in the spec', () => {
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const properties = (node as { properties?: unknown }).properties;
      if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
        for (const name of Object.keys(properties)) names.add(name);
      }
      for (const [key, child] of Object.entries(node)) {
        // HTTP header names under an API log's `headers` are never inflected.
        if (key !== 'headers') walk(child);
      }
    };
    walk(document);
    expect(names.size).toBeGreaterThan(50);
    const broken = [...names].filter((name) =>
      (['camel', 'snake'] as const).some((c) => kebabKey(inflectKey(name, c), c) !== name),
    );
    expect(broken).toEqual([]);
  });

  it('keeps the HTTP header names of an API log', () => {
    const log = { 'created-at': 'x', request: { headers: { 'Persona-Version': '2023-01-05' } } };
    expect(inflectKeys(log, 'camel')).toEqual({
      createdAt: 'x',
      request: { headers: { 'Persona-Version': '2023-01-05' } },
    });
  });

  it('finds keys sent in the wrong casing', () => {
    expect(deinflectChecked(inflectKeys(account, 'camel'), 'camel')).toEqual({
      value: account,
      misnamed: [],
    });
    expect(deinflectChecked(account, 'camel').misnamed.map((m) => m.pointer)).toEqual([
      '/data/attributes/reference-id',
      '/data/attributes/address-street-1',
      '/data/attributes/social-security-number-last-4',
      '/data/relationships/account-type',
      '/included/0/attributes/payload/data/attributes/created-at',
    ]);
    const snake = inflectKeys(account, 'snake');
    (snake.data.attributes as Record<string, unknown>).referenceId = 'x';
    expect(deinflectChecked(snake, 'snake').misnamed).toEqual([
      { pointer: '/data/attributes/referenceId', key: 'referenceId' },
    ]);
  });
});
