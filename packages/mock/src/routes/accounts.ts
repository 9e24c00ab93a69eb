import { invalid, notFound } from '../core/errors.js';
import type { ResourceRecord } from '../core/types.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import {
  addTag,
  consolidateAccounts,
  createAccount,
  getAccount,
  redactAccount,
  removeTag,
  setTags,
  updateAccount,
} from '../services/accounts.js';
import { matchesQuery, type SearchQuery } from '../services/search.js';
import { runAccountAction } from '../services/workflows.js';

type Body = {
  data?: { attributes?: Record<string, unknown>; [k: string]: unknown };
  meta?: Record<string, unknown>;
};

const body = (input: RouteInput) => (input.body ?? {}) as Body;
const now = (input: RouteInput) => input.core.now();
const one = (data: ResourceRecord, status = 200) => ({ status, data });

export const accountRoutes: RouteTable = {
  listAccounts: (input) => {
    const accounts = input.org.collection('accounts');
    const { filter } = input.query;
    const candidates = intersect(
      filter['reference-id'] !== undefined
        ? accounts.lookup('reference', filter['reference-id'])
        : undefined,
      filter['account-type-id'] !== undefined
        ? accounts.lookup('account-type', filter['account-type-id'])
        : undefined,
    );
    const status = filter.status;
    return listPage(input, accounts, {
      ...(candidates ? { candidates } : {}),
      where: allOf(
        status !== undefined && ((r) => r.attributes['account-status'] === status),
        createdBetween(filter),
      ),
    });
  },
  createAccount: (input) => {
    const { account, created } = createAccount(input.org, now(input), {
      attributes: body(input).data?.attributes ?? {},
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
  retrieveAccount: (input) => one(getAccount(input.org, input.params['account-id']!)),
  updateAccount: (input) =>
    one(
      updateAccount(
        input.org,
        now(input),
        input.params['account-id']!,
        body(input).data?.attributes ?? {},
      ),
    ),
  redactAccount: (input) => one(redactAccount(input.org, now(input), input.params['account-id']!)),
  addAccountTag: (input) =>
    one(
      addTag(
        input.org,
        now(input),
        getAccount(input.org, input.params['account-id']!),
        tagName(input),
        'accounts',
      ),
    ),
  removeAccountTag: (input) =>
    one(
      removeTag(
        input.org,
        now(input),
        getAccount(input.org, input.params['account-id']!),
        tagName(input),
        'accounts',
      ),
    ),
  setAccountTags: (input) =>
    one(
      setTags(
        input.org,
        now(input),
        getAccount(input.org, input.params['account-id']!),
        tagNames(input),
        'accounts',
      ),
    ),
  consolidateAccounts: (input) => {
    const sources = body(input).meta?.['source-account-ids'] as string[];
    return one(
      consolidateAccounts(input.org, now(input), input.params['account-id']!, sources),
      202,
    );
  },
  listAccountRelations: (input) => {
    const account = getAccount(input.org, input.params['account-id']!);
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
      input.params['account-id']!,
      data['account-action-id'],
      data.parameters ?? {},
    );
    return { status: 200, data: account, meta: { 'workflow-run-id': run.id } };
  },
  listAccountTypes: (input) => listPage(input, input.org.collection('account-types')),
  retrieveAccountType: (input) => {
    const id = input.params['account-type-id']!;
    const type = input.org.collection('account-types').get(id);
    if (!type) throw notFound('account type', id);
    return one(type);
  },
};

export function tagName(input: RouteInput): string {
  return (body(input).meta?.['tag-name'] as string) ?? '';
}

export function tagNames(input: RouteInput): string[] {
  return (body(input).meta?.['tag-name'] as string[]) ?? [];
}
