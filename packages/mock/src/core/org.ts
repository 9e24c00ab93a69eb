import { importerType, itemType, listKinds, listType } from '../services/lists/kinds.js';
import type { ChangeSet } from './changes.js';
import { Collection } from './collection.js';
import { newId } from './ids.js';
import { RecordMap } from './record-map.js';
import type { OrgData } from './store.js';
import type { ResourceRecord } from './types.js';

/** Stored collections, by name, and the JSON:API types each holds. */
export const collectionTypes = {
  accounts: ['account'],
  'account-types': ['account-type'],
  'account-actions': ['account-action'],
  'account-relations': ['account-relation'],
  inquiries: ['inquiry'],
  'inquiry-templates': ['inquiry-template'],
  'inquiry-sessions': ['inquiry-session'],
  reports: [
    'report/watchlist',
    'report/politically-exposed-person',
    'report/adverse-media',
    'report/email-address',
    'report/phone-number',
  ],
  'report-templates': ['report-template'],
  verifications: [
    'verification',
    'verification/government-id',
    'verification/selfie',
    'verification/database',
  ],
  'verification-templates': [
    'verification-template/government-id',
    'verification-template/selfie',
    'verification-template/database',
  ],
  transactions: ['transaction'],
  'transaction-labels': ['transaction-label'],
  documents: ['document/generic', 'document/government-id'],
  devices: ['device'],
  cases: ['case'],
  'case-templates': ['case-template'],
  'case-queues': ['case-queue'],
  workflows: ['workflow'],
  'workflow-runs': ['workflow-run'],
  importers: ['importer/account', ...listKinds.filter((k) => k.importable).map(importerType)],
  lists: listKinds.map(listType),
  'list-items': listKinds.map(itemType),
  events: ['event'],
  webhooks: ['webhook'],
  'api-keys': ['api-key'],
  // Authorization codes and access tokens an organization granted (never answered as objects).
  'oauth-grants': ['oauth-grant'],
} as const;

export type CollectionName = keyof typeof collectionTypes;

const byType = new Map<string, CollectionName>();
for (const [name, types] of Object.entries(collectionTypes)) {
  for (const type of types) byType.set(type, name as CollectionName);
}

/** Id prefixes, so an id alone tells which collection may hold it. */
export const idPrefixes: Record<string, CollectionName> = {
  act: 'accounts',
  acttp: 'account-types',
  accac: 'account-actions',
  inq: 'inquiries',
  itmpl: 'inquiry-templates',
  iqse: 'inquiry-sessions',
  rep: 'reports',
  rptp: 'report-templates',
  ver: 'verifications',
  vtmpl: 'verification-templates',
  txn: 'transactions',
  txnl: 'transaction-labels',
  doc: 'documents',
  dev: 'devices',
  case: 'cases',
  ctmpl: 'case-templates',
  cqueue: 'case-queues',
  wfl: 'workflows',
  wfr: 'workflow-runs',
  mprt: 'importers',
  evt: 'events',
  wbh: 'webhooks',
  api: 'api-keys',
  oag: 'oauth-grants',
  lst: 'lists',
  ...Object.fromEntries(listKinds.map((k) => [k.itemPrefix, 'list-items' as const])),
};

/** Secondary indexes per collection: what lookups and filters use instead of scans. */
const indexes: Partial<Record<CollectionName, Record<string, (r: ResourceRecord) => unknown>>> = {
  accounts: {
    // Find or create is by (account type, reference id) within the organization.
    'type+reference': (r) =>
      typeof r.attributes['reference-id'] === 'string'
        ? `${linkedId(r, 'account-type')}\u0000${r.attributes['reference-id']}`
        : null,
    reference: (r) => r.attributes['reference-id'],
    'account-type': (r) => linkedId(r, 'account-type'),
  },
  inquiries: {
    account: (r) => linkedId(r, 'account'),
    reference: (r) => r.attributes['reference-id'],
    template: (r) => linkedId(r, 'inquiry-template'),
  },
  'inquiry-sessions': {
    inquiry: (r) => linkedId(r, 'inquiry'),
    // The code of a one-time link: the hosted flow page finds its session by it.
    link: (r) => r.internal?.linkCode,
  },
  reports: {
    account: (r) => linkedId(r, 'account'),
    // A report has no reference-id attribute: the one it was created with is kept aside.
    reference: (r) => r.internal?.referenceId,
    template: (r) => linkedId(r, 'report-template'),
  },
  'account-relations': { account: (r) => linkedId(r, 'account') },
  transactions: {
    reference: (r) => r.attributes['reference-id'],
    'transaction-type': (r) => linkedId(r, 'transaction-type'),
  },
  documents: {
    inquiry: (r) => linkedId(r, 'inquiry'),
    transaction: (r) => linkedId(r, 'transaction'),
  },
  // The same browser opening several sessions is one device.
  devices: { fingerprint: (r) => r.attributes['browser-fingerprint'] },
  'workflow-runs': { workflow: (r) => linkedId(r, 'workflow') },
  cases: {
    template: (r) => linkedId(r, 'case-template'),
    queue: (r) => linkedId(r, 'case-queue'),
  },
  importers: { status: (r) => r.attributes.status },
  lists: { status: (r) => r.attributes.status },
  'list-items': { list: (r) => r.internal?.listId },
  events: {
    name: (r) => r.attributes.name,
    // The object an event is about: `filter[object-id]` and redaction find its events through it.
    object: (r) => (r.attributes.payload as { data?: { id?: unknown } } | undefined)?.data?.id,
  },
};

export function linkedId(record: ResourceRecord, relationship: string): string | null {
  const data = record.relationships?.[relationship]?.data;
  return data && !Array.isArray(data) ? data.id : null;
}

/**
 * A change Persona announces with no event that the mock's own machinery
 * still follows (a resumed inquiry's new expiry): never stored or delivered.
 */
export interface ChangeSignal {
  name: 'inquiry-resumed' | 'report-scheduled';
  at: string;
  record: ResourceRecord;
}

/** Where an organization's recorded events and change signals go (core/event-bus.ts implements it). */
export interface EventSink {
  publish(org: Org, event: ResourceRecord): void;
  signal(org: Org, signal: ChangeSignal): void;
}

/** One organization (one API key): its collections over the persisted data. */
export class Org {
  readonly #collections = new Map<CollectionName, Collection>();

  /**
   * `bus`: where recorded events are published (none for an organization read outside a mock);
   * `changes`: where changed objects are noted for a journal (none when nothing is journaled).
   */
  constructor(
    readonly data: OrgData,
    readonly bus?: EventSink,
    readonly changes?: ChangeSet,
  ) {}

  /** Notes a change to the organization's own fields (its plan). */
  touch(): void {
    this.changes?.org(this.id);
  }

  get id(): string {
    return this.data.id;
  }

  collection(name: CollectionName): Collection {
    let collection = this.#collections.get(name);
    if (!collection) {
      this.data.collections[name] ??= new RecordMap();
      const changes = this.changes;
      collection = new Collection(
        this.data.collections[name],
        changes ? (id) => changes.record(this.data.id, name, id) : undefined,
      );
      for (const [index, key] of Object.entries(indexes[name] ?? {})) {
        collection.index(index, (r) => {
          const value = key(r);
          return typeof value === 'string' ? value : null;
        });
      }
      this.#collections.set(name, collection);
    }
    return collection;
  }

  /** The object of that type and id, if this organization has it. */
  find(type: string, id: string): ResourceRecord | undefined {
    const name = byType.get(type);
    const record = name ? this.collection(name).get(id) : undefined;
    return record && record.type === type ? record : undefined;
  }

  /** The object an id names, whatever its type (ids carry their type's prefix). */
  findById(id: string): ResourceRecord | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    const name = idPrefixes[prefix];
    return name ? this.collection(name).get(id) : undefined;
  }

  newId(prefix: string): string {
    return newId(prefix);
  }
}

export function collectionOfType(type: string): CollectionName | undefined {
  return byType.get(type);
}
