import { conflict, invalid, notFound } from '../../core/errors.js';
import { linkedId, type Org } from '../../core/org.js';
import type { Relationship, ResourceRecord } from '../../core/types.js';
import { recordEvent, shallowSnapshot } from '../events.js';
import { type FieldSchema, typed, typeFields } from '../fields.js';
import { personalNames } from '../redaction.js';

/** Personal attributes an account takes as text (the rest of its personal data is not given). */
const personalText = personalNames('account', 'remove');

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

export function fieldSchemas(type: ResourceRecord): FieldSchema[] {
  return (type.attributes['field-schemas'] as FieldSchema[] | undefined) ?? [];
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
  const account = org.collection('accounts').get(id);
  if (!account) throw notFound('account', id);
  return account;
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
  const account = insertAccount(
    org,
    now,
    type,
    mirrorOf(type),
    {
      ...attrs,
      'reference-id': referenceId,
      tags: [...new Set((attrs.tags as string[] | null | undefined) ?? [])],
      fields,
    },
    input.id,
  );
  return { account, created: true };
}

/**
 * Stores a new account of a type from checked attributes (tags already
 * unique) and records `account.created`. The importer calls it for every row,
 * so it does no checks and no lookups of its own.
 */
export function insertAccount(
  org: Org,
  now: string,
  type: ResourceRecord,
  mirror: FieldMirror,
  given: Record<string, unknown>,
  id: string = org.newId('act'),
): ResourceRecord {
  const attributes: Record<string, unknown> = {
    'reference-id': given['reference-id'],
    'account-type-name': type.attributes.name,
    'account-status': (given['account-status'] as string | undefined) ?? 'active',
    'created-at': now,
    'updated-at': now,
    tags: (given.tags as string[] | undefined) ?? [],
    fields: {},
  };
  // Empty personal data is not stored: answers fill in the nulls (core/defaults.ts).
  for (const name of personalText) {
    if (typeof given[name] === 'string') attributes[name] = given[name];
  }
  const fields = given.fields as Record<string, unknown> | undefined;
  attributes.fields = fields ? { ...mirror(attributes), ...fields } : mirror(attributes);
  const account = org.collection('accounts').insert({
    type: 'account',
    id,
    attributes,
    relationships: { 'account-type': typeRelationship(type) },
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
  const mirror = type ? mirrorOf(type) : noMirror;
  org.collection('accounts').update(id, (a) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'fields' || name === 'tags') continue;
      if (value === null) delete a.attributes[name];
      else a.attributes[name] = value;
    }
    if (attrs.tags !== undefined)
      a.attributes.tags = [...new Set((attrs.tags as string[] | null) ?? [])];
    a.attributes.fields = { ...(a.attributes.fields as object), ...mirror(attrs), ...fields };
    a.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'account.updated', account);
  return account;
}

/** The standard fields an account type shows for personal attributes (`name` from the name parts). */
export type FieldMirror = (attributes: Record<string, unknown>) => Record<string, unknown>;

const noMirror: FieldMirror = () => ({});
const mirrors = new WeakMap<ResourceRecord, FieldMirror>();

/** The field mirror of an account type, made once per type. */
export function mirrorOf(type: ResourceRecord): FieldMirror {
  let mirror = mirrors.get(type);
  if (!mirror) {
    mirror = fieldMirror(new Set(fieldSchemas(type).map((s) => s.key)));
    mirrors.set(type, mirror);
  }
  return mirror;
}

/** Personal attributes mirrored into those of the standard fields `keys` names, as Persona shows them. */
export function fieldMirror(keys: Set<string>): FieldMirror {
  return (attrs) => {
    const out: Record<string, unknown> = {};
    const pick = (names: Record<string, string>) => {
      const value: Record<string, unknown> = {};
      for (const [attr, key] of Object.entries(names))
        if (typeof attrs[attr] === 'string') value[key] = attrs[attr];
      return Object.keys(value).length > 0 ? value : null;
    };
    if (keys.has('name')) {
      const name = pick({ 'name-first': 'first', 'name-middle': 'middle', 'name-last': 'last' });
      if (name) out.name = typed(name);
    }
    if (keys.has('address')) {
      const address = pick({
        'address-street-1': 'street_1',
        'address-street-2': 'street_2',
        'address-city': 'city',
        'address-subdivision': 'subdivision',
        'address-postal-code': 'postal_code',
        'country-code': 'country_code',
      });
      if (address) out.address = typed(address);
    }
    if (typeof attrs.birthdate === 'string' && keys.has('birthdate'))
      out.birthdate = { type: 'date', value: attrs.birthdate };
    if (typeof attrs['phone-number'] === 'string' && keys.has('phone_number'))
      out.phone_number = typed(attrs['phone-number']);
    if (typeof attrs['email-address'] === 'string' && keys.has('email_address'))
      out.email_address = typed(attrs['email-address']);
    return out;
  };
}
