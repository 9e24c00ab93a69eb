import { conflict, invalid, notFound } from '../core/errors.js';
import { linkedId, type Org } from '../core/org.js';
import type { Linkage, Relationship, ResourceRecord } from '../core/types.js';
import { recordEvent, redactEventsOf } from './events.js';
import { type FieldSchema, typed, typeFields } from './fields.js';

/** Attributes that identify a person: what redaction removes for good. */
export const identityAttributes = [
  'name-first',
  'name-middle',
  'name-last',
  'birthdate',
  'address-street-1',
  'address-street-2',
  'address-city',
  'address-subdivision',
  'address-postal-code',
  'country-code',
  'phone-number',
  'email-address',
  'social-security-number',
] as const;

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
  const attributes: Record<string, unknown> = {
    'reference-id': referenceId,
    'account-type-name': type.attributes.name,
    'account-status': (attrs['account-status'] as string | undefined) ?? 'active',
    'created-at': now,
    'updated-at': now,
    tags: uniqueTags((attrs.tags as string[] | null | undefined) ?? []),
    fields: {},
  };
  // Empty personal data is not stored: answers fill in the nulls (core/defaults.ts).
  for (const name of identityAttributes) {
    if (typeof attrs[name] === 'string') attributes[name] = attrs[name];
  }
  const account: ResourceRecord = {
    type: 'account',
    id: input.id ?? org.newId('act'),
    attributes,
    relationships: { 'account-type': typeRelationship(type) },
  };
  attributes.fields = { ...identityFields(attributes, fieldSchemas(type)), ...fields };
  if (org.collection('accounts').has(account.id))
    throw conflict(`account ${account.id} already exists`);
  org.collection('accounts').insert(account);
  recordEvent(org, now, 'account.created', account);
  return { account, created: true };
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
  const schemas = type ? fieldSchemas(type) : [];
  const fields = attrs.fields
    ? typeFields(
        attrs.fields as Record<string, unknown>,
        schemas,
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
  org.collection('accounts').update(id, (a) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'fields' || name === 'tags') continue;
      if (value === null) delete a.attributes[name];
      else a.attributes[name] = value;
    }
    if (attrs.tags !== undefined)
      a.attributes.tags = uniqueTags((attrs.tags as string[] | null) ?? []);
    a.attributes.fields = {
      ...(a.attributes.fields as object),
      ...identityFields(attrs, schemas),
      ...fields,
    };
    a.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'account.updated', account);
  return account;
}

/**
 * Removes the account's personal data for good and redacts its inquiries and
 * reports. The account itself stays, and can still be updated.
 */
export function redactAccount(org: Org, now: string, id: string): ResourceRecord {
  const account = getAccount(org, id);
  org.collection('accounts').update(id, (a) => {
    for (const name of identityAttributes) delete a.attributes[name];
    delete a.attributes['identification-numbers'];
    delete a.attributes['selfie-photo'];
    a.attributes.fields = {};
    a.attributes['redacted-at'] = now;
    a.attributes['updated-at'] = now;
  });
  // The account's own earlier events lose the personal data too.
  redactEventsOf(org, now, id, (attributes) => {
    for (const name of identityAttributes) delete attributes[name];
    delete attributes['identification-numbers'];
    delete attributes['selfie-photo'];
    attributes.fields = {};
  });
  for (const link of toMany(account, 'inquiries')) redactRelated(org, now, 'inquiries', link.id);
  for (const link of toMany(account, 'reports')) redactRelated(org, now, 'reports', link.id);
  recordEvent(org, now, 'account.redacted', account);
  return account;
}

/** Set by the inquiry and report services: how each redacts its own objects. */
const redactors: Partial<
  Record<'inquiries' | 'reports', (org: Org, now: string, id: string) => void>
> = {};
export function registerRedactor(
  kind: 'inquiries' | 'reports',
  fn: (org: Org, now: string, id: string) => void,
) {
  redactors[kind] = fn;
}
function redactRelated(org: Org, now: string, kind: 'inquiries' | 'reports', id: string) {
  redactors[kind]?.(org, now, id);
}

export { addTag, removeTag, setTags } from './tags.js';

/**
 * Moves every inquiry, report and case of the sources to the destination and
 * archives each source. A source consolidates once: a second time is a 409.
 */
export function consolidateAccounts(
  org: Org,
  now: string,
  destinationId: string,
  sourceIds: string[],
): ResourceRecord {
  const destination = getAccount(org, destinationId);
  if (destination.internal?.consolidatedInto) {
    throw conflict(
      `account ${destinationId} was consolidated into ${destination.internal.consolidatedInto} and cannot receive others`,
    );
  }
  const unique = [...new Set(sourceIds)];
  const sources = unique.map((id, i) => {
    if (id === destinationId)
      throw invalid(`meta.source-account-ids[${i}] is the destination account itself`);
    const source = org.collection('accounts').get(id);
    if (!source)
      throw invalid(`meta.source-account-ids[${i}] ${id} names no account of this organization`);
    if (source.internal?.consolidatedInto) {
      throw conflict(
        `account ${id} has already been consolidated into ${source.internal.consolidatedInto}`,
      );
    }
    return source;
  });
  const accounts = org.collection('accounts');
  for (const source of sources) {
    for (const kind of ['inquiries', 'reports', 'cases'] as const) {
      for (const link of toMany(source, kind)) {
        moveObject(org, now, kind, link.id, source.id, destination.id);
        const list = toMany(destination, kind);
        if (!list.some((l) => l.id === link.id)) list.push(link);
      }
      (source.relationships![kind] as { data: Linkage[] }).data = [];
    }
    accounts.update(source.id, (s) => {
      s.internal = { ...s.internal, consolidatedInto: destination.id, consolidatedAt: now };
      s.attributes['account-status'] = 'archived';
      s.attributes['updated-at'] = now;
    });
    for (const [account, other, key] of [
      [destination, source, 'consolidated-from'],
      [source, destination, 'consolidated-into'],
    ] as const) {
      org.collection('account-relations').insert({
        type: 'account-relation',
        id: org.newId('actrel'),
        attributes: { key, 'created-at': now },
        relationships: {
          account: { data: { type: 'account', id: account.id } },
          'related-account': { data: { type: 'account', id: other.id } },
        },
      });
    }
    recordEvent(org, now, 'account.archived', source);
  }
  accounts.update(destination.id, (d) => {
    d.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'account.consolidated', destination);
  return destination;
}

/** Points an inquiry, report or case at another account. */
function moveObject(
  org: Org,
  now: string,
  kind: 'inquiries' | 'reports' | 'cases',
  id: string,
  from: string,
  to: string,
) {
  const collection = org.collection(kind);
  if (!collection.has(id)) return;
  collection.update(id, (record) => {
    const rel = record.relationships ?? {};
    if (kind === 'cases') {
      const accounts = (rel.accounts?.data as Linkage[] | undefined) ?? [];
      const kept = accounts.filter((l) => l.id !== from);
      if (!kept.some((l) => l.id === to)) kept.push({ type: 'account', id: to });
      rel.accounts = { data: kept };
    } else {
      rel.account = { data: { type: 'account', id: to } };
    }
    // Reports carry no updated-at; the others record the move.
    if ('updated-at' in record.attributes) record.attributes['updated-at'] = now;
  });
}

export function toMany(record: ResourceRecord, name: string): Linkage[] {
  record.relationships ??= {};
  let rel = record.relationships[name];
  if (!rel || !Array.isArray(rel.data)) {
    rel = { data: [] };
    record.relationships[name] = rel;
  }
  return rel.data as Linkage[];
}

/** Links an object to an account (both directions), once. */
export function linkToAccount(
  account: ResourceRecord,
  kind: 'inquiries' | 'reports' | 'cases',
  linkage: Linkage,
) {
  const list = toMany(account, kind);
  if (!list.some((l) => l.id === linkage.id)) list.push(linkage);
}

export function fieldSchemas(type: ResourceRecord): FieldSchema[] {
  return (type.attributes['field-schemas'] as FieldSchema[] | undefined) ?? [];
}

function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}

/** Identity attributes mirrored into the type's standard fields, as Persona shows them. */
function identityFields(
  attrs: Record<string, unknown>,
  schemas: FieldSchema[],
): Record<string, unknown> {
  const has = new Set(schemas.map((s) => s.key));
  const out: Record<string, unknown> = {};
  const pick = (names: Record<string, string>) => {
    const value: Record<string, unknown> = {};
    for (const [attr, key] of Object.entries(names))
      if (typeof attrs[attr] === 'string') value[key] = attrs[attr];
    return Object.keys(value).length > 0 ? value : null;
  };
  const name = pick({ 'name-first': 'first', 'name-middle': 'middle', 'name-last': 'last' });
  if (name && has.has('name')) out.name = typed(name);
  const address = pick({
    'address-street-1': 'street_1',
    'address-street-2': 'street_2',
    'address-city': 'city',
    'address-subdivision': 'subdivision',
    'address-postal-code': 'postal_code',
    'country-code': 'country_code',
  });
  if (address && has.has('address')) out.address = typed(address);
  if (typeof attrs.birthdate === 'string' && has.has('birthdate'))
    out.birthdate = { type: 'date', value: attrs.birthdate };
  if (typeof attrs['phone-number'] === 'string' && has.has('phone_number'))
    out.phone_number = typed(attrs['phone-number']);
  if (typeof attrs['email-address'] === 'string' && has.has('email_address'))
    out.email_address = typed(attrs['email-address']);
  return out;
}
