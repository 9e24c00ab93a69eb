import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { seedIds } from '../index.js';
import { freshMockPerTest, valid } from '../test-support/fresh-mock.js';

const fresh = freshMockPerTest();
const { call } = fresh;

const TYPE = 'txntp_Mz6Wq2Rb8Kx4Nc9Lv3Tp7Hd5';
const PHOTO = { filename: 'receipt.png', data: 'iVBORw0KGgo=' };

async function createTransaction(attributes: Record<string, unknown> = {}) {
  const created = valid(
    await call('POST', '/transactions', {
      data: { attributes: { 'transaction-type-id': TYPE, ...attributes } },
    }),
  );
  expect(created.status).toBe(201);
  return created.body.data;
}

const accountsOf = async (reference: string): Promise<string[]> =>
  (await call('GET', `/accounts?filter[reference-id]=${reference}`)).body.data.map(
    (a: { id: string }) => a.id,
  );

/** The transactions the mock keeps for an account (Persona's account answers none). */
const linkedTransactions = (accountId: string) =>
  (
    (fresh.mock().core.orgFor('key-test').collection('accounts').get(accountId)?.internal?.links ??
      {}) as {
      transactions?: { id: string }[];
    }
  ).transactions?.map((l) => l.id) ?? [];

const eventNames = (objectId: string) =>
  [...fresh.mock().core.orgFor('key-test').collection('events').values()]
    .filter((e) => (e.attributes.payload as { data: { id: string } }).data.id === objectId)
    .map((e) => e.attributes.name);

describe('transactions and reference ids', () => {
  it('ties a transaction to the account holding its reference id, creating it once', async () => {
    const first = await createTransaction({ 'reference-id': 'buyer-7', fields: { amount: 12.5 } });
    const second = await createTransaction({ 'reference-id': 'buyer-7' });
    const accounts = await accountsOf('buyer-7');
    expect(accounts).toHaveLength(1);
    for (const t of [first, second]) {
      expect(t.attributes['reference-id']).toBe('buyer-7');
      expect(t.relationships['related-objects'].data).toEqual([
        { type: 'account', id: accounts[0] },
      ]);
    }
    expect(first.attributes.fields.amount).toEqual({ type: 'number', value: 12.5 });
    expect(linkedTransactions(accounts[0]!)).toEqual([first.id, second.id]);
    expect(eventNames(first.id)).toEqual(['transaction.created']);
  });

  it('joins an account that already holds the reference id', async () => {
    const account = valid(
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'buyer-8' } } }),
    ).body.data;
    const t = await createTransaction({ 'reference-id': 'buyer-8' });
    expect(t.relationships['related-objects'].data).toEqual([{ type: 'account', id: account.id }]);
  });

  it('belongs to no account without a reference id', async () => {
    const before = (await call('GET', '/accounts')).body.data.length;
    const t = await createTransaction();
    expect(t.attributes['reference-id']).toBeNull();
    expect(t.relationships['related-objects'].data).toEqual([]);
    expect((await call('GET', '/accounts')).body.data).toHaveLength(before);
  });

  it('moves to the account of a new reference id on update', async () => {
    const t = await createTransaction({ 'reference-id': 'buyer-9' });
    const [old] = await accountsOf('buyer-9');
    const updated = valid(
      await call('PATCH', `/transactions/${t.id}`, {
        data: { attributes: { 'reference-id': 'buyer-10' } },
      }),
    ).body.data;
    const [next] = await accountsOf('buyer-10');
    expect(updated.relationships['related-objects'].data).toEqual([{ type: 'account', id: next }]);
    expect(linkedTransactions(old!)).toEqual([]);
    expect(linkedTransactions(next!)).toEqual([t.id]);
  });

  it('follows its account into consolidation', async () => {
    const t = await createTransaction({ 'reference-id': 'buyer-11' });
    const [source] = await accountsOf('buyer-11');
    const destination = valid(
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'buyer-12' } } }),
    ).body.data.id;
    await call('POST', `/accounts/${destination}/consolidate`, {
      meta: { 'source-account-ids': [source] },
    });
    const moved = (await call('GET', `/transactions/${t.id}`)).body.data;
    expect(moved.relationships['related-objects'].data).toEqual([
      { type: 'account', id: destination },
    ]);
    expect(linkedTransactions(destination)).toEqual([t.id]);
  });

  it('lists by reference id, type and one field value', async () => {
    const a = await createTransaction({ 'reference-id': 'buyer-13', fields: { card: '4242' } });
    await createTransaction({ 'reference-id': 'buyer-14', fields: { card: '1111' } });
    const ids = async (query: string) =>
      valid(await call('GET', `/transactions?${query}`)).body.data.map((t: { id: string }) => t.id);
    expect(await ids('filter[reference-id]=buyer-13')).toEqual([a.id]);
    expect(await ids(`filter[transaction-type-id]=${TYPE}`)).toHaveLength(2);
    expect(await ids('filter[identifier][key]=card&filter[identifier][value]=4242')).toEqual([
      a.id,
    ]);
  });
});

describe('transaction status, labels and tags', () => {
  it('announces a new status, and labels with the label included', async () => {
    const t = await createTransaction();
    const approved = valid(
      await call('PATCH', `/transactions/${t.id}`, {
        data: { attributes: { status: 'approved' } },
      }),
    );
    expect(approved.body.data.attributes.status).toBe('approved');
    const labeled = valid(
      await call('POST', `/transactions/${t.id}/label`, {
        meta: { label: 'card-testing', score: 0.9, 'model-version': '3' },
      }),
    );
    const [label] = labeled.body.included;
    expect(label).toMatchObject({
      type: 'transaction-label',
      attributes: { 'model-label': 'card-testing', 'model-version': '3' },
    });
    expect(labeled.body.data.relationships['transaction-label'].data).toEqual({
      type: 'transaction-label',
      id: label.id,
    });
    expect(eventNames(t.id)).toEqual([
      'transaction.created',
      'transaction.status-updated',
      'transaction.labeled',
    ]);
  });

  it('adds, sets and removes tags through the shared tag operations', async () => {
    const t = await createTransaction({ tags: ['a'] });
    await call('POST', `/transactions/${t.id}/add-tag`, { meta: { 'tag-name': 'b' } });
    await call('POST', `/transactions/${t.id}/remove-tag`, { meta: { 'tag-name': 'a' } });
    expect((await call('GET', `/transactions/${t.id}`)).body.data.attributes.tags).toEqual(['b']);
    const set = await call('POST', `/transactions/${t.id}/set-tags`, {
      meta: { 'tag-name': ['x', 'y'] },
    });
    expect(set.body.data.attributes.tags).toEqual(['x', 'y']);
  });

  it('refuses unknown members and a missing type or label with 422 naming them', async () => {
    const unknown = await call('POST', '/transactions', {
      data: { attributes: { 'transaction-type-id': TYPE, amount: 3 } },
    });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.errors)).toContain('amount');
    const untyped = await call('POST', '/transactions', { data: { attributes: {} } });
    expect(untyped.status).toBe(422);
    expect(JSON.stringify(untyped.body.errors)).toContain('transaction-type-id');
    const t = await createTransaction();
    const unlabeled = await call('POST', `/transactions/${t.id}/label`, { meta: {} });
    expect(unlabeled.status).toBe(422);
    expect(JSON.stringify(unlabeled.body.errors)).toContain('label');
  });

  it('answers 404 for a transaction that does not exist', async () => {
    const missing = valid(await call('GET', `/transactions/txn_${'0'.repeat(24)}`));
    expect(missing.status).toBe(404);
  });
});

describe('transaction redaction', () => {
  it('erases the reference id, field values and files, unties the account, once', async () => {
    const t = await createTransaction({
      'reference-id': 'buyer-20',
      fields: { card: '4242', receipt: PHOTO },
    });
    const [account] = await accountsOf('buyer-20');
    const url: string = t.attributes.fields.receipt.value.url;
    expect((await getResponse(fresh.mock().handlers, new Request(url)))?.status).toBe(200);
    const redacted = valid(await call('DELETE', `/transactions/${t.id}`)).body.data;
    expect(redacted.attributes['reference-id']).toBeNull();
    expect(redacted.attributes.fields).toEqual({
      card: { type: 'string', value: null },
      receipt: { type: 'file', value: null },
    });
    expect(redacted.relationships['related-objects'].data).toEqual([]);
    expect(linkedTransactions(account!)).toEqual([]);
    expect((await getResponse(fresh.mock().handlers, new Request(url)))?.status).toBe(404);
    // The event that recorded the transaction no longer holds the card either.
    const created = [...fresh.mock().core.orgFor('key-test').collection('events').values()].find(
      (e) => e.attributes.name === 'transaction.created',
    )!;
    expect(JSON.stringify(created.attributes.payload)).not.toContain('4242');
    await call('DELETE', `/transactions/${t.id}`);
    expect(eventNames(t.id).filter((n) => n === 'transaction.redacted')).toHaveLength(1);
  });

  it('takes no more changes after redaction (409), but can still be read', async () => {
    const t = await createTransaction();
    await call('DELETE', `/transactions/${t.id}`);
    const patched = valid(
      await call('PATCH', `/transactions/${t.id}`, {
        data: { attributes: { status: 'approved' } },
      }),
    );
    expect(patched.status).toBe(409);
    const labeled = valid(
      await call('POST', `/transactions/${t.id}/label`, { meta: { label: 'x' } }),
    );
    expect(labeled.status).toBe(409);
    expect((await call('GET', `/transactions/${t.id}`)).status).toBe(200);
  });

  it("goes with its account's redaction", async () => {
    const made = [
      await createTransaction({ 'reference-id': 'buyer-21', fields: { card: '4242' } }),
      await createTransaction({ 'reference-id': 'buyer-21', fields: { card: '1111' } }),
    ];
    const [account] = await accountsOf('buyer-21');
    await call('DELETE', `/accounts/${account}`);
    for (const t of made) {
      const after = (await call('GET', `/transactions/${t.id}`)).body.data;
      expect(after.attributes.fields.card.value).toBeNull();
    }
  });

  it('redacts biometrics: file fields only, the rest stays', async () => {
    const t = await createTransaction({
      'reference-id': 'buyer-22',
      fields: { card: '4242', receipt: PHOTO },
    });
    const after = valid(await call('POST', `/transactions/${t.id}/redact-biometrics`)).body.data;
    expect(after.attributes.fields.receipt).toEqual({ type: 'file', value: null });
    expect(after.attributes.fields.card.value).toBe('4242');
    expect(after.attributes['reference-id']).toBe('buyer-22');
  });
});

describe('transactions and documents in cases', () => {
  it('a case holds them through meta.object-ids', async () => {
    const t = await createTransaction();
    const doc = (await call('POST', '/document/generics', { data: { attributes: { kind: 'k' } } }))
      .body.data;
    const made = valid(
      await call('POST', '/cases', {
        data: { attributes: { 'case-template-id': seedIds.caseTemplates.review } },
        meta: { 'object-ids': [t.id, doc.id] },
      }),
    );
    expect(made.status).toBe(201);
    expect(made.body.data.relationships.txns.data).toEqual([{ type: 'transaction', id: t.id }]);
    expect(made.body.data.relationships.documents.data).toEqual([
      { type: 'document/generic', id: doc.id },
    ]);
  });
});
