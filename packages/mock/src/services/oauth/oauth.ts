import type { CredentialInternal, Credentials } from '../../core/credentials.js';
import { ApiError, badRequest, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';

/** How long a code can be exchanged, and how long a token is accepted. */
export const CODE_SECONDS = 600;
export const TOKEN_SECONDS = 3600;

const SCOPE_ITEM = /^[a-z_]+\.(read|write):[a-z]+_[A-Za-z0-9]+$/;

type GrantInternal = CredentialInternal & {
  /** The organization a code was made for. */
  client?: string;
  scope: string;
  used?: boolean;
};

/**
 * A code that lets `client` (another organization) read what `scope` names of
 * `org`'s objects once exchanged. Every object named must be `org`'s own.
 */
export function authorize(
  org: Org,
  credentials: Credentials,
  nowMs: number,
  input: { 'client-id': string; scope: string },
): { code: string; 'expires-in': number } {
  const items = input.scope.split(' ').filter((item) => item !== '');
  if (items.length === 0) throw badRequest('scope must name at least one permission:object pair');
  for (const item of items) {
    if (!SCOPE_ITEM.test(item)) {
      throw new ApiError(
        422,
        'Unprocessable Entity',
        `scope item ${item} is not a permission:object pair such as inquiry.read:inq_…`,
      );
    }
    const objectId = item.slice(item.indexOf(':') + 1);
    if (!org.findById(objectId)) throw notFound('object', objectId);
  }
  const code = newId('c', 28).slice(2);
  grant(org, credentials, code, {
    kind: 'code',
    client: input['client-id'],
    scope: items.join(' '),
    expiresAtMs: nowMs + CODE_SECONDS * 1000,
  });
  return { code, 'expires-in': CODE_SECONDS };
}

/**
 * Exchanges a code made for `client` for an access token of the organization
 * that made it. A code works once, before it ends, for its own client only;
 * any other is a bad grant (400, as OAuth answers `invalid_grant`).
 */
export function exchange(
  client: Org,
  credentials: Credentials,
  nowMs: (orgId: string) => number,
  input: { code: string; 'grant-type': string },
  grantingOrg: (orgId: string) => Org,
): { 'access-token': string; 'token-type': 'bearer'; 'expires-in': number; scope: string } {
  if (input['grant-type'] !== 'authorization_code') {
    throw badRequest(`grant-type ${input['grant-type']} is not supported: use authorization_code`);
  }
  const found = credentials.find(input.code);
  if (found?.credential.kind !== 'code') {
    throw badRequest('code is not an authorization code this organization was given');
  }
  const internal = found.record.internal as GrantInternal;
  if (internal.client !== client.id) {
    throw badRequest('code was made for another organization (its client-id)');
  }
  if (internal.used) throw badRequest('code was already exchanged; ask for a new one');
  const now = nowMs(found.credential.org);
  if ((internal.expiresAtMs ?? 0) <= now) throw badRequest('code has expired; ask for a new one');

  const org = grantingOrg(found.credential.org);
  org.collection('oauth-grants').update(found.credential.id, (record) => {
    (record.internal as GrantInternal).used = true;
  });
  const token = `persona_access_token_${crypto.randomUUID()}`;
  grant(org, credentials, token, {
    kind: 'access-token',
    scope: internal.scope,
    expiresAtMs: now + TOKEN_SECONDS * 1000,
  });
  return {
    'access-token': token,
    'token-type': 'bearer',
    'expires-in': TOKEN_SECONDS,
    scope: internal.scope,
  };
}

function grant(
  org: Org,
  credentials: Credentials,
  secret: string,
  internal: Omit<GrantInternal, 'secretHash'>,
): ResourceRecord {
  const id = org.newId('oag');
  const secretHash = credentials.register(secret, {
    kind: internal.kind,
    org: org.id,
    collection: 'oauth-grants',
    id,
  });
  return org.collection('oauth-grants').insert({
    type: 'oauth-grant',
    id,
    attributes: {},
    internal: { ...internal, secretHash },
  });
}
