import { getResponse } from 'msw';
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

/** Reads an object's state; every answer must match the control-plane document. */
async function read(id: string, reader = objectState) {
  const answer = await reader(id);
  expect(answer.violations, JSON.stringify(answer.body)).toEqual([]);
  return answer;
}

async function importCsv(csv: string) {
  const form = new FormData();
  form.set('data[attributes][file]', new File([csv], 'people.csv', { type: 'text/csv' }));
  form.set('data[attributes][mode]', 'upsert');
  const response = await getResponse(
    mock.handlers,
    new Request('https://api.withpersona.com/api/v1/importer/accounts', {
      method: 'POST',
      headers: { Authorization: 'Bearer key-test' },
      body: form,
    }),
  );
  expect(response?.status).toBe(201);
  return (await response!.json()).data.id as string;
}

describe('GET /__mock/objects/{object-id}', () => {
  it("answers an account's status, which Persona's account does not carry", async () => {
    const created = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'obj-1', 'account-status': 'pending' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.attributes).not.toHaveProperty('account-status');
    const id = created.body.data.id;
    const answer = await read(id);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id, type: 'account', state: { status: 'pending' } });

    await call('POST', `/accounts/${id}/run-action`, {
      data: {
        'account-action-id': seedIds.accountActions.setStatus,
        parameters: { status: 'suspended' },
      },
    });
    expect((await read(id)).body.state.status).toBe('suspended');
  });

  it("answers an import's file name, mode, counts and row outcomes", async () => {
    const id = await importCsv('reference_id,birthdate\nok-1,1990-01-01\nbad-1,1990-02-30\n');
    const answer = await read(id);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id,
      type: 'importer/account',
      state: {
        fileName: 'people.csv',
        mode: 'upsert',
        createdCount: 1,
        updatedCount: 0,
        rowErrors: [
          {
            row: 2,
            referenceId: 'bad-1',
            errors: ['birthdate 1990-02-30 is not a date (YYYY-MM-DD)'],
          },
        ],
      },
    });
  });

  it("answers a workflow run's steps, trigger payload and objects", async () => {
    const run = await call('POST', `/workflows/${seedIds.workflows.tagAccount}/trigger`, {
      data: { attributes: { 'reference-id': 'wf-1', tag: 'gold' } },
    });
    expect(run.status).toBe(200);
    const answer = await read(run.body.data.id);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('workflow-run');
    expect(answer.body.state.triggerPayload).toEqual({ 'reference-id': 'wf-1', tag: 'gold' });
    expect(answer.body.state.steps.map((s: { status: string }) => s.status)).toEqual(
      answer.body.state.steps.map(() => 'completed'),
    );
    expect(answer.body.state.steps[0]).toMatchObject({ continuedOnError: false });
    const account = answer.body.state.steps[0].output['account-id'];
    expect(answer.body.state.objects).toContainEqual({ type: 'account', id: account });
    // Inputs as the templates filled them: the reference id and tag from the trigger.
    expect(answer.body.state.steps[0].input).toMatchObject({
      'account-type-id': seedIds.accountTypes.user,
      'identifier-value': 'wf-1',
    });
    expect(answer.body.state.steps[1].input).toEqual({ 'object-id': account, tag: 'gold' });
  });

  it('answers 400 naming a malformed id, and 404 for an unknown one or another organization', async () => {
    for (const malformed of ['inq_abc', 'act_', 'act_a-b', 'nothing']) {
      const answer = await read(malformed);
      expect(answer.status, malformed).toBe(400);
      expect(JSON.stringify(answer.body.errors)).toContain(malformed);
    }
    const unknown = await read('act_000000000000000000000000');
    expect(unknown.status).toBe(404);

    const mine = (await call('POST', '/accounts', { data: { attributes: {} } })).body.data.id;
    const other = await read(mine, mockObjects(mock, 'someone-else'));
    expect(other.status).toBe(404);
    expect((await read(mine)).status).toBe(200);
  });

  it('answers 401 without a Bearer key', async () => {
    const answer = await read('act_000000000000000000000000', mockObjects(mock, null));
    expect(answer.status).toBe(401);
  });
});
