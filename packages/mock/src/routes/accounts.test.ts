import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;
let objectState: ReturnType<typeof mockObjects>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
  objectState = mockObjects(mock);
});

/** The account's custom status, read from the control plane (Persona's account has none). */
const statusOf = async (id: string) => {
  const answer = await objectState(id);
  expect(answer.violations).toEqual([]);
  return answer.body.state.status;
};

const createAccount = async (attributes: Record<string, unknown> = {}) => {
  const answer = await call('POST', '/accounts', { data: { attributes } });
  expect(answer.violations).toEqual([]);
  return answer;
};

describe('accounts', () => {
  it('creates an account, then finds the same one by type and reference id', async () => {
    const first = await createAccount({
      'reference-id': 'user-1',
      'name-first': 'Ada',
      birthdate: '1990-01-31',
    });
    expect(first.status).toBe(201);
    expect(first.body.data.attributes).toMatchObject({
      'reference-id': 'user-1',
      'account-type-name': 'User',
    });
    expect(first.body.data.attributes).not.toHaveProperty('name-first');
    expect(first.body.data.attributes.fields.name).toEqual({
      type: 'hash',
      value: { first: { type: 'string', value: 'Ada' } },
    });
    expect(first.body.data.attributes.fields.birthdate).toEqual({
      type: 'date',
      value: '1990-01-31',
    });
    expect(await statusOf(first.body.data.id)).toBe('active');
    const again = await createAccount({ 'reference-id': 'user-1' });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(first.body.data.id);

    const business = await createAccount({
      'reference-id': 'user-1',
      'account-type-id': seedIds.accountTypes.business,
    });
    expect(business.status).toBe(201);
    expect(business.body.data.id).not.toBe(first.body.data.id);

    const listed = await call('GET', '/accounts?filter[reference-id]=user-1');
    expect(listed.violations).toEqual([]);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([
      business.body.data.id,
      first.body.data.id,
    ]);
  });

  it('checks fields against the account type and names the field in the error', async () => {
    const answer = await call('POST', '/accounts', {
      data: { attributes: { fields: { shoe_size: 9 } } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain('data.attributes.fields.shoe_size');
    const wrongType = await call('POST', '/accounts', {
      data: { attributes: { fields: { birthdate: 'yesterday' } } },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors[0].details).toContain('fields.birthdate');
    const unknownType = await call('POST', '/accounts', {
      data: { attributes: { 'account-type-id': 'acttp_000000000000000000000000' } },
    });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.errors[0].details).toContain('account-type-id');
  });

  it('updates an account and refuses a reference id another account of the type has', async () => {
    const a = await createAccount({ 'reference-id': 'a' });
    await createAccount({ 'reference-id': 'b' });
    const id = a.body.data.id;
    const updated = await call('PATCH', `/accounts/${id}`, {
      data: { attributes: { 'name-last': 'Lovelace', fields: { risk_level: 'low' } } },
    });
    expect(updated.status).toBe(200);
    expect(updated.violations).toEqual([]);
    expect(updated.body.data.attributes.fields.name).toEqual({
      type: 'hash',
      value: { last: { type: 'string', value: 'Lovelace' } },
    });
    expect(updated.body.data.attributes.fields.risk_level).toEqual({
      type: 'string',
      value: 'low',
    });
    const clash = await call('PATCH', `/accounts/${id}`, {
      data: { attributes: { 'reference-id': 'b' } },
    });
    expect(clash.status).toBe(409);
    expect(clash.violations).toEqual([]);
  });

  it('redacts personal data for good and stays updatable', async () => {
    const a = await createAccount({
      'reference-id': 'r',
      'name-first': 'Ada',
      'email-address': 'ada@example.com',
    });
    const id = a.body.data.id;
    const redacted = await call('DELETE', `/accounts/${id}`);
    expect(redacted.status).toBe(200);
    expect(redacted.violations).toEqual([]);
    expect(redacted.body.data.attributes).toMatchObject({ fields: {} });
    expect(redacted.body.data.attributes['redacted-at']).toEqual(expect.any(String));
    const later = await call('PATCH', `/accounts/${id}`, {
      data: { attributes: { 'account-status': 'closed' } },
    });
    expect(later.status).toBe(200);
    expect(await statusOf(id)).toBe('closed');
    expect((await call('GET', `/accounts/${id}`)).body.data.attributes.fields).toEqual({});
    const events = await call(
      'GET',
      `/events?filter[object-id]=${id}&filter[name]=account.created`,
    );
    expect(events.violations).toEqual([]);
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].attributes.payload.data.attributes.fields).toEqual({});
    expect(JSON.stringify(events.body)).not.toContain('ada@example.com');
    expect(JSON.stringify(events.body)).not.toContain('Ada');
  });

  it('adds, removes and sets tags', async () => {
    const id = (await createAccount()).body.data.id;
    await call('POST', `/accounts/${id}/add-tag`, { meta: { 'tag-name': 'vip' } });
    const twice = await call('POST', `/accounts/${id}/add-tag`, { meta: { 'tag-name': 'vip' } });
    expect(twice.body.data.attributes.tags).toEqual(['vip']);
    const set = await call('POST', `/accounts/${id}/set-tags`, {
      meta: { 'tag-name': ['a', 'b', 'a'] },
    });
    expect(set.body.data.attributes.tags).toEqual(['a', 'b']);
    const removed = await call('POST', `/accounts/${id}/remove-tag`, { meta: { 'tag-name': 'a' } });
    expect(removed.body.data.attributes.tags).toEqual(['b']);
    expect(removed.violations).toEqual([]);
  });

  it('consolidates sources into a destination once, with relations both ways', async () => {
    const destination = (await createAccount({ 'reference-id': 'keep' })).body.data.id;
    const source = (await createAccount({ 'reference-id': 'dup' })).body.data.id;
    const merged = await call('POST', `/accounts/${destination}/consolidate`, {
      meta: { 'source-account-ids': [source] },
    });
    expect(merged.status).toBe(202);
    expect(merged.violations).toEqual([]);
    const again = await call('POST', `/accounts/${destination}/consolidate`, {
      meta: { 'source-account-ids': [source] },
    });
    expect(again.status).toBe(409);
    expect(await statusOf(source)).toBe('archived');
    const relations = await call(
      'GET',
      `/accounts/${destination}/relations?filter[key]=consolidated-from`,
    );
    expect(relations.status).toBe(200);
    expect(relations.violations).toEqual([]);
    expect(relations.body.data).toHaveLength(1);
    const self = await call('POST', `/accounts/${destination}/consolidate`, {
      meta: { 'source-account-ids': [destination] },
    });
    expect(self.status).toBe(422);
  });

  it('searches with a predicate tree', async () => {
    await createAccount({ 'reference-id': 's1', fields: { risk_level: 'high' } });
    await createAccount({ 'reference-id': 's2', fields: { risk_level: 'low' } });
    const found = await call('POST', '/accounts/search', {
      query: {
        and: [
          { attribute: 'fields.risk_level', operator: 'eq', value: 'high' },
          { attribute: 'type', operator: 'eq', value: 'User' },
        ],
      },
    });
    expect(found.status).toBe(200);
    expect(found.violations).toEqual([]);
    expect(
      found.body.data.map(
        (a: { attributes: { 'reference-id': string } }) => a.attributes['reference-id'],
      ),
    ).toEqual(['s1']);
  });

  it('searches personal data by identifier, where the account keeps it (its fields)', async () => {
    await createAccount({
      'reference-id': 'id-1',
      'email-address': 'ada@example.com',
      'name-first': 'Ada',
      'phone-number': '+15550100',
    });
    await createAccount({ 'reference-id': 'id-2', 'email-address': 'grace@test.example' });
    const referenceIds = async (query: unknown) => {
      const found = await call('POST', '/accounts/search', { query });
      expect(found.status).toBe(200);
      expect(found.violations).toEqual([]);
      return found.body.data.map(
        (a: { attributes: { 'reference-id': string } }) => a.attributes['reference-id'],
      );
    };
    expect(
      await referenceIds({
        attribute: 'identifiers.email_address',
        operator: 'eq',
        value: 'ada@example.com',
      }),
    ).toEqual(['id-1']);
    expect(
      await referenceIds({
        not: { attribute: 'identifiers.email_address', operator: 'contains', value: '@test.' },
      }),
    ).toEqual(['id-1']);
    expect(
      await referenceIds({ attribute: 'identifiers.name_first', operator: 'eq', value: 'Ada' }),
    ).toEqual(['id-1']);
    expect(
      await referenceIds({
        attribute: 'identifiers.phone_number',
        operator: 'exists',
        value: true,
      }),
    ).toEqual(['id-1']);
    expect(
      await referenceIds({
        attribute: 'fields.email_address',
        operator: 'eq',
        value: 'grace@test.example',
      }),
    ).toEqual(['id-2']);
    // The status is mock-only state, and search reads it there.
    const grace = await call('GET', '/accounts?filter[reference-id]=id-2');
    await call('PATCH', `/accounts/${grace.body.data[0].id}`, {
      data: { attributes: { 'account-status': 'closed' } },
    });
    expect(await referenceIds({ attribute: 'status', operator: 'eq', value: 'closed' })).toEqual([
      'id-2',
    ]);
  });

  it('pages newest first with cursor links', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await createAccount({ 'reference-id': `p${i}` })).body.data.id);
    const seen: string[] = [];
    let next: string | null = '/accounts?page[size]=3';
    let pages = 0;
    while (next) {
      const page = await call('GET', next.replace('/api/v1', ''));
      expect(page.violations).toEqual([]);
      seen.push(...page.body.data.map((a: { id: string }) => a.id));
      next = page.body.links.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const second = await call('GET', `/accounts?page[size]=3&page[after]=${ids[4]}`);
    expect(second.body.links.prev).toContain('page%5Bbefore%5D');
    const back = await call('GET', second.body.links.prev.replace('/api/v1', ''));
    expect(back.body.data.map((a: { id: string }) => a.id)).toEqual([ids[6], ids[5], ids[4]]);
    const unknown = await call('GET', '/accounts?page[after]=act_000000000000000000000000');
    expect(unknown.status).toBe(400);
  });

  it('includes related objects, trims sparse fieldsets and inflects keys', async () => {
    const id = (await createAccount({ 'reference-id': 'inc', fields: { risk_level: 'low' } })).body
      .data.id;
    const included = await call('GET', `/accounts/${id}?include=account-type`);
    expect(included.violations).toEqual([]);
    expect(included.body.included).toEqual([
      expect.objectContaining({ type: 'account-type', id: seedIds.accountTypes.user }),
    ]);
    const sparse = await call('GET', `/accounts/${id}?fields[account]=reference-id,tags`);
    expect(Object.keys(sparse.body.data.attributes).sort()).toEqual(['reference-id', 'tags']);
    const camel = await call('GET', `/accounts/${id}`, undefined, { 'Key-Inflection': 'camel' });
    expect(camel.body.data.attributes.referenceId).toBe('inc');
    expect(camel.body.data.attributes.fields.risk_level).toBeDefined();
    expect(camel.violations).toEqual([]);
    const snake = await call('GET', `/accounts/${id}`, undefined, { 'Key-Inflection': 'snake' });
    expect(snake.body.data.attributes.account_type_name).toBe('User');
  });

  it('inflects a created account, its idempotent replay, and answers plain keys to a plain retry', async () => {
    const body = { data: { attributes: { 'reference-id': 'inflected-create' } } };
    const key = { 'Idempotency-Key': 'inflected-create' };
    const first = await call('POST', '/accounts', body, { ...key, 'Key-Inflection': 'camel' });
    expect(first.status).toBe(201);
    expect(first.body.data.attributes.referenceId).toBe('inflected-create');
    const replay = await call('POST', '/accounts', body, { ...key, 'Key-Inflection': 'snake' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.attributes.reference_id).toBe('inflected-create');
    const plain = await call('POST', '/accounts', body, key);
    expect(plain.body.data.attributes['reference-id']).toBe('inflected-create');
    expect(plain.body.data.id).toBe(first.body.data.id);
    const unkeyed = await call(
      'POST',
      '/accounts',
      { data: { attributes: {} } },
      {
        'Key-Inflection': 'camel',
      },
    );
    expect(unkeyed.status).toBe(201);
    expect(unkeyed.body.data.attributes.accountTypeName).toBe('User');
  });
});

describe('run-action', () => {
  it('runs an account action as a workflow and answers the account with the run id', async () => {
    const id = (await createAccount({ 'reference-id': 'act' })).body.data.id;
    const answer = await call('POST', `/accounts/${id}/run-action`, {
      data: {
        'account-action-id': seedIds.accountActions.setStatus,
        parameters: { status: 'suspended' },
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.violations).toEqual([]);
    expect(answer.body.data.attributes).not.toHaveProperty('account-status');
    expect(await statusOf(id)).toBe('suspended');
    const runId = answer.body.meta['workflow-run-id'];
    const run = await call('GET', `/workflow-runs/${runId}`);
    expect(run.status).toBe(200);
    expect(run.violations).toEqual([]);
    expect(run.body.data.attributes.status).toBe('completed');
    const trace = await objectState(runId);
    expect(trace.violations).toEqual([]);
    expect(trace.body.state.steps[0]).toMatchObject({
      type: 'set-account-status',
      status: 'completed',
    });
  });

  it('answers 404 for an unknown action, 422 for bad parameters and 409 when the account cannot take it', async () => {
    const id = (await createAccount({ 'reference-id': 'act2' })).body.data.id;
    const run = (actionId: string, parameters: Record<string, unknown>, account = id) =>
      call('POST', `/accounts/${account}/run-action`, {
        data: { 'account-action-id': actionId, parameters },
      });
    const unknown = await run('accac_000000000000000000000000', {});
    expect(unknown.status).toBe(404);
    const bad = await run(seedIds.accountActions.setStatus, { status: 'on-fire' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].details).toContain('data.parameters.status');
    const missing = await run(seedIds.accountActions.setStatus, {});
    expect(missing.status).toBe(422);
    const extra = await run(seedIds.accountActions.addTag, { tag: 'x', colour: 'red' });
    expect(extra.status).toBe(422);
    const otherType = await run(seedIds.accountActions.businessSetStatus, { status: 'active' });
    expect(otherType.status).toBe(409);
    expect((await run(seedIds.accountActions.close, {})).status).toBe(200);
    const closedAgain = await run(seedIds.accountActions.close, {});
    expect(closedAgain.status).toBe(409);
    for (const answer of [unknown, bad, missing, extra, otherType, closedAgain])
      expect(answer.violations).toEqual([]);
    const noAccount = await run(
      seedIds.accountActions.setStatus,
      { status: 'active' },
      'act_000000000000000000000000',
    );
    expect(noAccount.status).toBe(404);
  });
});

describe('account types', () => {
  it("lists the seeded types and retrieves one in Persona's shape", async () => {
    const list = await call('GET', '/account-types');
    expect(list.violations).toEqual([]);
    expect(
      list.body.data.map((t: { attributes: { name: string } }) => t.attributes.name).sort(),
    ).toEqual(['Business', 'User']);
    const user = await call('GET', `/account-types/${seedIds.accountTypes.user}`);
    expect(user.violations).toEqual([]);
    // Fields and actions are mock-only configuration, on GET /__mock/seed.
    expect(Object.keys(user.body.data.attributes).sort()).toEqual([
      'created-at',
      'name',
      'updated-at',
    ]);
    expect((await call('GET', '/account-types/acttp_000000000000000000000000')).status).toBe(404);
  });
});
