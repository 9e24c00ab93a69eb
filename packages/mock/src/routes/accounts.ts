import { invalid, notFound } from '../core/errors.js';
import { allOf, createdBetween, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { runAccountAction } from '../services/account-actions.js';
import {
  accountStatus,
  createAccount,
  getAccount,
  updateAccount,
} from '../services/accounts/accounts.js';
import { consolidateAccounts } from '../services/accounts/consolidate.js';
import { redactAccount } from '../services/redaction.js';
import { matchesQuery, type SearchQuery } from '../services/search.js';
import { attributesOf, body, listIndexed, metaOf, now, one } from './support.js';
import { tagRoutes } from './tags.js';

const id = (input: RouteInput) => input.params['account-id']!;

export const accountRoutes: RouteTable = {
  listAccounts: (input) => {
    const { status } = input.query.filter;
    return listIndexed(
      input,
      'accounts',
      { reference: 'reference-id', 'account-type': 'account-type-id' },
      status !== undefined && ((r) => accountStatus(r) === status),
    );
  },
  createAccount: (input) => {
    const { account, created } = createAccount(input.org, now(input), {
      attributes: attributesOf(input),
    });
    return one(account, created ? 201 : 200);
  },
  searchAccounts: (input) => {
    const request = body(input) as {
      query: SearchQuery;
      page?: { size?: number; after?: string; before?: string };
    };
    const page = request.page ?? {};
    const query = {
      ...input.query,
      page: { size: page.size ?? input.query.page.size, after: page.after, before: page.before },
    };
    return listPage(
      { ...input, query: query as typeof input.query },
      input.org.collection('accounts'),
      {
        where: (r) => matchesQuery(r, request.query),
      },
    );
  },
  retrieveAccount: (input) => one(getAccount(input.org, id(input))),
  updateAccount: (input) =>
    one(updateAccount(input.org, now(input), id(input), attributesOf(input))),
  redactAccount: (input) => one(redactAccount(input.org, now(input), id(input))),
  ...tagRoutes({ kind: 'Account', collection: 'accounts', param: 'account-id', get: getAccount }),
  consolidateAccounts: (input) => {
    const sources = metaOf(input)['source-account-ids'] as string[];
    return one(consolidateAccounts(input.org, now(input), id(input), sources), 202);
  },
  listAccountRelations: (input) => {
    const account = getAccount(input.org, id(input));
    const relations = input.org.collection('account-relations');
    const { filter } = input.query;
    if (!filter.key) throw invalid('filter[key] is required');
    return listPage(input, relations, {
      candidates: relations.lookup('account', account.id),
      where: allOf((r) => r.attributes.key === filter.key, createdBetween(filter)),
    });
  },
  runAccountAction: (input) => {
    const data = body(input).data as {
      'account-action-id': string;
      parameters?: Record<string, unknown>;
    };
    const { account, run } = runAccountAction(
      input.org,
      now(input),
      id(input),
      data['account-action-id'],
      data.parameters ?? {},
    );
    return { status: 200, data: account, meta: { 'workflow-run-id': run.id } };
  },
  listAccountTypes: (input) => listPage(input, input.org.collection('account-types')),
  retrieveAccountType: (input) => {
    const typeId = input.params['account-type-id']!;
    const type = input.org.collection('account-types').get(typeId);
    if (!type) throw notFound('account type', typeId);
    return one(type);
  },
};
