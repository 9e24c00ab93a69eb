import type { MethodResponse } from 'openapi-fetch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPersonaClient, type PersonaClient } from './client.js';
import type { components, paths } from './generated/schema.js';
import { type ListItem, type ListPath, paginate } from './paginate.js';
import { account, accountId } from './test-support/fixtures.js';
import { expectData } from './unwrap.js';

type Schemas = components['schemas'];
const id = accountId(5);
const runActionDocument: Schemas['AccountRunActionDocument'] = {
  data: account(id),
  meta: { 'workflow-run-id': 'wfr_G5hJ8kL2mN4pQ6rS9tV1wX3y' },
};

/** A client whose transport answers every request with `body`, and records requests. */
function clientAnswering(body: unknown) {
  const requests: Request[] = [];
  const client = createPersonaClient({
    apiKey: 'test-key',
    fetch: async (request) => {
      requests.push(request);
      return Response.json(body);
    },
  });
  return { client, requests };
}

describe('types generated from the spec', () => {
  it('type run-action: path parameter, body and response', async () => {
    const { client, requests } = clientAnswering(runActionDocument);

    const result = await expectData(
      client.POST('/accounts/{account-id}/run-action', {
        params: { path: { 'account-id': id } },
        body: { data: { 'account-action-id': 'accac_Xx5zBq2vRmN8tYw4LpK7cJ3d', parameters: {} } },
      }),
    );

    expectTypeOf(result).toEqualTypeOf<Schemas['AccountRunActionDocument']>();
    expectTypeOf(result.meta['workflow-run-id']).toBeString();
    expectTypeOf(result.data).toEqualTypeOf<Schemas['Account']>();
    expectTypeOf<
      MethodResponse<PersonaClient, 'post', '/accounts/{account-id}/run-action'>
    >().toEqualTypeOf<Schemas['AccountRunActionDocument']>();
    type RunAction = paths['/accounts/{account-id}/run-action']['post'];
    expectTypeOf<RunAction['parameters']['path']>().toEqualTypeOf<{ 'account-id': string }>();
    expectTypeOf<RunAction['requestBody']['content']['application/json']['data']>().toHaveProperty(
      'account-action-id',
    );

    expect(result.meta['workflow-run-id']).toBe('wfr_G5hJ8kL2mN4pQ6rS9tV1wX3y');
    expect(requests[0]?.url).toBe(`https://api.withpersona.com/api/v1/accounts/${id}/run-action`);
  });

  it('type paginate by the list it walks', async () => {
    const { client } = clientAnswering({ data: [account(id)], links: { prev: null, next: null } });

    const items = paginate(client, '/accounts');

    expectTypeOf(items).toEqualTypeOf<AsyncGenerator<Schemas['Account'], void, undefined>>();
    expectTypeOf(client.paginate('/cases')).toEqualTypeOf<
      AsyncGenerator<Schemas['Case'], void, undefined>
    >();
    expectTypeOf<ListItem<paths, '/events'>>().toEqualTypeOf<Schemas['Event']>();
    expectTypeOf<'/accounts'>().toExtend<ListPath<paths>>();
    expectTypeOf<'/accounts/{account-id}'>().not.toExtend<ListPath<paths>>();
    expectTypeOf<'/accounts/{account-id}/run-action'>().not.toExtend<ListPath<paths>>();

    const ids: string[] = [];
    for await (const item of items) ids.push(item.id);
    expect(ids).toEqual([id]);
  });
});
