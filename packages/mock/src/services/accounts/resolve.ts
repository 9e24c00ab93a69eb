import { invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { accountTypeOf, createAccount } from './accounts.js';

export interface AutoCreateMeta {
  'auto-create-account'?: boolean;
  'auto-create-account-type-id'?: string;
  'auto-create-account-reference-id'?: string;
}

export interface AccountRequest {
  /** `data.attributes.account-id`: an existing account. */
  accountId?: string | undefined;
  /** `data.attributes.reference-id`: used when meta names no reference id. */
  referenceId?: string | undefined;
  meta?: AutoCreateMeta | undefined;
}

/**
 * The account a new inquiry or report belongs to, under Persona's
 * auto-create rules: `data.attributes.account-id` names it outright;
 * otherwise (unless `meta.auto-create-account` is false) the account holding
 * the reference id (`meta.auto-create-account-reference-id`, else
 * `data.attributes.reference-id`) is joined whatever its type, and only when
 * none holds it is one created, of `meta.auto-create-account-type-id` or the
 * default type. Without any reference id a fresh account is created. Null
 * when the object gets no account.
 *
 * Runs without awaiting between the lookup and the insert, so concurrent
 * requests for one reference id share one account.
 */
export function resolveAccount(
  org: Org,
  now: string,
  request: AccountRequest,
): ResourceRecord | null {
  const meta = request.meta ?? {};
  const auto = meta['auto-create-account'] ?? true;
  const typeId = meta['auto-create-account-type-id'];
  const metaReference = meta['auto-create-account-reference-id'];
  if (!auto) {
    for (const [key, value] of [
      ['auto-create-account-type-id', typeId],
      ['auto-create-account-reference-id', metaReference],
    ] as const) {
      if (value !== undefined) {
        throw invalid(`meta.${key} cannot be given when meta.auto-create-account is false`);
      }
    }
  }
  // An unknown type is a mistake even where the type would be ignored.
  const given =
    typeId !== undefined
      ? accountTypeOf(org, typeId, 'meta.auto-create-account-type-id')
      : undefined;

  if (request.accountId !== undefined) {
    const account = org.collection('accounts').get(request.accountId);
    if (!account) {
      throw invalid(
        `data.attributes.account-id ${request.accountId} names no account of this organization`,
      );
    }
    if (metaReference !== undefined && account.attributes['reference-id'] !== metaReference) {
      throw invalid(
        `meta.auto-create-account-reference-id ${metaReference} is not the reference id of account ${account.id} (data.attributes.account-id)`,
      );
    }
    return account;
  }
  if (!auto) return null;

  const type = given ?? accountTypeOf(org, undefined, 'meta.auto-create-account-type-id');
  const referenceId = metaReference ?? request.referenceId;
  if (referenceId !== undefined) {
    const existing = accountOfReference(org, referenceId, type.id);
    if (existing) return existing;
  }
  return createAccount(
    org,
    now,
    {
      attributes: {
        'account-type-id': type.id,
        ...(referenceId !== undefined ? { 'reference-id': referenceId } : {}),
      },
    },
    'meta',
  ).account;
}

/**
 * The account a reference id names, whatever its type: one of the requested
 * type first, then any other; an account consolidated away hands over to the
 * account it was consolidated into, as its objects did.
 */
function accountOfReference(
  org: Org,
  referenceId: string,
  typeId: string,
): ResourceRecord | undefined {
  const accounts = org.collection('accounts');
  const candidates = accounts.lookup('reference', referenceId).map((id) => accounts.get(id)!);
  const live = candidates.filter((a) => !a.internal?.consolidatedInto);
  const found =
    live.find((a) => (a.relationships?.['account-type']?.data as Linkage | null)?.id === typeId) ??
    live[0] ??
    candidates[0];
  let account = found;
  for (let hops = 0; account?.internal?.consolidatedInto && hops < 16; hops++) {
    account = accounts.get(account.internal.consolidatedInto as string) ?? account;
  }
  return account;
}
