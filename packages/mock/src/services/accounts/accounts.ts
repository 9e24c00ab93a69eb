import { conflict, found, invalid } from '../../core/errors.js';
import { linkedId, type Org } from '../../core/org.js';
import type { Relationship, ResourceRecord } from '../../core/types.js';
import { recordEvent, shallowSnapshot } from '../events.js';
import { type FieldSchema, typeFields } from '../fields.js';
import { recordTagChanges } from '../tags.js';
import { isPersonalRequestAttribute, personalFields } from './personal.js';

/** The status an account has until one is set. */
export const defaultAccountStatus = 'active';

/** An account's custom status: mock-only state (Persona's account does not carry it). */
export function accountStatus(account: ResourceRecord): string | null {
  return (account.internal?.status as string | undefined) ?? null;
}

export interface AccountInput {
  id?: string;
  attributes: Record<string, unknown>;
}

export function accountTypeOf(org: Org, typeId: string | undefined, where: string): ResourceRecord {
  const types = org.collection('account-types');
  if (typeId !== undefined) {
    const type = types.get(typeId);
    if (!type) throw invalid(`${where} ${typeId} names no account type of this organization`);
    return type;
  }
  for (const type of types.values()) if (type.internal?.default) return type;
  const first = types.values().next();
  if (first.done) throw invalid('this organization has no account type; seed one first');
  return first.value;
}

/** The custom fields of an account type: mock-only state, as Persona's account type does not list them. */
export function fieldSchemas(type: ResourceRecord): FieldSchema[] {
  return (type.internal?.fields as FieldSchema[] | undefined) ?? [];
}

const typeRelationships = new WeakMap<ResourceRecord, Relationship>();

/** One shared, never-changed relationship object per account type: 100,000 accounts need one copy. */
function typeRelationship(type: ResourceRecord): Relationship {
  let relationship = typeRelationships.get(type);
  if (!relationship) {
    relationship = Object.freeze({ data: Object.freeze({ type: 'account-type', id: type.id }) });
    typeRelationships.set(type, relationship);
  }
  return relationship;
}

export function getAccount(org: Org, id: string): ResourceRecord {
  return found(org.collection('accounts').get(id), 'account', id);
}

export function findByReference(
  org: Org,
  typeId: string,
  referenceId: string,
): ResourceRecord | undefined {
  return org.collection('accounts').first('type+reference', `${typeId}\u0000${referenceId}`);
}

/**
 * Creates an account, unless one of that type already has the reference id:
 * then that one is answered (`created: false`). Runs without awaiting, so
 * concurrent requests for one reference id can never make two accounts.
 */
export function createAccount(
  org: Org,
  now: string,
  input: AccountInput,
  where = 'data.attributes',
): { account: ResourceRecord; created: boolean } {
  const attrs = input.attributes;
  const type = accountTypeOf(
    org,
    attrs['account-type-id'] as string | undefined,
    `${where}.account-type-id`,
  );
  const referenceId = (attrs['reference-id'] as string | undefined) ?? null;
  if (referenceId !== null) {
    const existing = findByReference(org, type.id, referenceId);
    if (existing) return { account: existing, created: false };
  }
  const fields = typeFields(
    (attrs.fields as Record<string, unknown> | undefined) ?? {},
    fieldSchemas(type),
    `${where}.fields`,
    `account type ${type.attributes.name}`,
  );
  if (input.id !== undefined && org.collection('accounts').has(input.id))
    throw conflict(`account ${input.id} already exists`);
  // A plain copy loop: spreading kebab-case keys costs several times more, once per account.
  const given: Record<string, unknown> = {};
  for (const name in attrs) given[name] = attrs[name];
  given['reference-id'] = referenceId;
  given.tags = [...new Set((attrs.tags as string[] | null | undefined) ?? [])];
  given.fields = fields;
  const account = insertAccount(org, now, type, given, input.id);
  return { account, created: true };
}

/**
 * Stores a new account of a type from checked attributes (tags already
 * unique) and records `account.created`. The importer calls it for every row,
 * so it does no checks and no lookups of its own. Personal data given as
 * top-level attributes is stored in `fields`, where Persona answers it.
 */
export function insertAccount(
  org: Org,
  now: string,
  type: ResourceRecord,
  given: Record<string, unknown>,
  id: string = org.newId('act'),
): ResourceRecord {
  const typedFields = (given.fields as Record<string, unknown> | undefined) ?? {};
  const attributes: Record<string, unknown> = {
    'reference-id': given['reference-id'],
    'account-type-name': type.attributes.name,
    'created-at': now,
    'updated-at': now,
    tags: (given.tags as string[] | undefined) ?? [],
    // Typed field inputs win over the top-level attributes that fill the same field.
    fields: { ...personalFields({}, given), ...typedFields },
  };
  const ssn = given['social-security-number'];
  if (typeof ssn === 'string') attributes['social-security-number'] = ssn;
  const account = org.collection('accounts').insert({
    type: 'account',
    id,
    attributes,
    relationships: { 'account-type': typeRelationship(type) },
    internal: { status: (given['account-status'] as string | undefined) ?? defaultAccountStatus },
  });
  recordEvent(org, now, 'account.created', account, shallowSnapshot);
  return account;
}

/** Finds the account of that type with the reference id, or creates it. */
export function findOrCreateAccount(
  org: Org,
  now: string,
  typeId: string | undefined,
  referenceId: string,
  where = 'meta',
): { account: ResourceRecord; created: boolean } {
  return createAccount(
    org,
    now,
    {
      attributes: { ...(typeId ? { 'account-type-id': typeId } : {}), 'reference-id': referenceId },
    },
    where,
  );
}

export function updateAccount(
  org: Org,
  now: string,
  id: string,
  attrs: Record<string, unknown>,
): ResourceRecord {
  const account = getAccount(org, id);
  const typeId = linkedId(account, 'account-type')!;
  const type = org.collection('account-types').get(typeId);
  const fields = attrs.fields
    ? typeFields(
        attrs.fields as Record<string, unknown>,
        type ? fieldSchemas(type) : [],
        'data.attributes.fields',
        `account type ${account.attributes['account-type-name']}`,
      )
    : {};
  const referenceId = attrs['reference-id'] as string | undefined;
  if (referenceId !== undefined && referenceId !== account.attributes['reference-id']) {
    const other = findByReference(org, typeId, referenceId);
    if (other && other.id !== id) {
      throw conflict(`account ${other.id} of this type already has reference id ${referenceId}`);
    }
  }
  const tagsBefore = [...(account.attributes.tags as string[])];
  org.collection('accounts').update(id, (a) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'fields' || name === 'tags' || isPersonalRequestAttribute(name)) continue;
      if (name === 'account-status') a.internal = { ...a.internal, status: value };
      else if (value === null) delete a.attributes[name];
      else a.attributes[name] = value;
    }
    if (attrs.tags !== undefined)
      a.attributes.tags = [...new Set((attrs.tags as string[] | null) ?? [])];
    const current = (a.attributes.fields as Record<string, unknown> | undefined) ?? {};
    a.attributes.fields = { ...personalFields(current, attrs), ...fields };
    a.attributes['updated-at'] = now;
  });
  // Persona sends no event for an account's edits, only for its tags.
  recordTagChanges(org, now, account, tagsBefore, account.attributes.tags as string[]);
  return account;
}
