// Type-level checks, compiled by the root `tsc -p tsconfig.json` and never run.
// Each @ts-expect-error fails the type check the day its line stops being an error.

import type { PersonaClient } from './client.js';
import type { components } from './generated/schema.js';
import { paginate } from './paginate.js';
import { expectData } from './unwrap.js';

declare const client: PersonaClient;
const accountId = 'act_68h3lHszBfNOTSPxUYT6LUvR';
const body = { data: { 'account-action-id': 'accac_Xx5zBq2vRmN8tYw4LpK7cJ3d', parameters: {} } };

export async function runAccountAction() {
  const { data, error } = await client.POST('/accounts/{account-id}/run-action', {
    params: { path: { 'account-id': accountId } },
    body: {
      data: {
        'account-action-id': 'accac_Xx5zBq2vRmN8tYw4LpK7cJ3d',
        parameters: { status: 'activated' },
      },
    },
  });
  if (error) {
    const title: string | undefined = error.errors[0]?.title;
    return title;
  }
  const runId: string = data.meta['workflow-run-id'];
  const account: components['schemas']['Account'] = data.data;
  // @ts-expect-error the response's meta has no camelCase keys
  data.meta.workflowRunId;
  // @ts-expect-error nor does the account carry unknown attributes
  data.data.attributes.nickname;
  return `${runId} ${account.id}`;
}

export async function wrongCalls() {
  // @ts-expect-error the path parameter is required
  await client.POST('/accounts/{account-id}/run-action', { body });

  await client.POST('/accounts/{account-id}/run-action', {
    // @ts-expect-error the path parameter is spelled 'account-id'
    params: { path: { account_id: accountId } },
    body,
  });

  await client.POST('/accounts/{account-id}/run-action', {
    params: { path: { 'account-id': accountId } },
    // @ts-expect-error the body's field is 'account-action-id'
    body: { data: { 'account-action': 'accac_Xx5zBq2vRmN8tYw4LpK7cJ3d' } },
  });

  await client.POST('/accounts/{account-id}/run-action', {
    params: { path: { 'account-id': accountId } },
    // @ts-expect-error the body is required
    body: undefined,
  });

  // @ts-expect-error run-action answers POST only
  await client.GET('/accounts/{account-id}/run-action', {
    params: { path: { 'account-id': accountId } },
  });

  // @ts-expect-error no such path
  await client.GET('/acounts', {});
}

export async function listsAndUnwrap() {
  const page = await expectData(client.GET('/accounts'));
  // @ts-expect-error a list's links are `links`, not `link`
  page.link;

  for await (const account of paginate(client, '/accounts', { pageSize: 50 })) {
    const referenceId: string | null = account.attributes['reference-id'];
    // @ts-expect-error items are accounts, not pages
    account.links;
    return referenceId;
  }

  // @ts-expect-error one account is not a list
  paginate(client, '/accounts/{account-id}', { params: { path: { 'account-id': accountId } } });
  // @ts-expect-error a list with a required path parameter needs its init
  client.paginate('/accounts/{account-id}/relations');
  // @ts-expect-error pageSize is a number
  client.paginate('/accounts', { pageSize: '10' });
}
