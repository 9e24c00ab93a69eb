import { personalFields, personalRequestAttributes } from '../services/accounts/personal.js';
import type { Linkage, ResourceRecord } from './types.js';

/**
 * Data files of the first format kept members Persona's resources do not
 * have: personal data and `account-status` at the top of an account, its
 * inquiries, reports and cases as relationships, an import's row outcomes, a
 * run's step trace, an event's redaction time, an account type's custom
 * fields and actions. This moves each to where the
 * mock keeps it now (`fields`, or the record's `internal`), in place.
 */
export function migrateRecordV1(record: ResourceRecord): void {
  const a = record.attributes;
  if (record.type === 'account') {
    migrateAccountAttributes(a);
    record.internal ??= {};
    const internal = record.internal;
    if ('account-status' in a) {
      internal.status ??= a['account-status'];
      delete a['account-status'];
    }
    const links: Record<string, Linkage[]> = {};
    for (const kind of ['inquiries', 'reports', 'cases']) {
      const data = record.relationships?.[kind]?.data;
      if (Array.isArray(data) && data.length > 0) links[kind] = data;
      delete record.relationships?.[kind];
    }
    if (Object.keys(links).length > 0) internal.links = links;
  } else if (record.type.startsWith('importer/')) {
    record.internal = {
      ...record.internal,
      fileName: a['file-name'] ?? null,
      mode: a.mode,
      createdCount: a['created-count'] ?? 0,
      updatedCount: a['updated-count'] ?? 0,
      rowErrors: a['row-errors'] ?? [],
    };
    for (const name of ['file-name', 'mode', 'created-count', 'updated-count', 'row-errors'])
      delete a[name];
  } else if (record.type === 'workflow-run') {
    record.internal = {
      ...record.internal,
      steps: a.steps ?? [],
      triggerPayload: a['trigger-payload'] ?? {},
      objects: record.relationships?.objects?.data ?? [],
    };
    delete a.steps;
    delete a['trigger-payload'];
    delete record.relationships?.objects;
    if (record.relationships?.creator?.data === null) delete record.relationships.creator;
  } else if (record.type === 'event') {
    if (a['redacted-at']) record.internal = { ...record.internal, redactedAt: a['redacted-at'] };
    delete a['redacted-at'];
    const data = (a.payload as { data?: ResourceRecord } | undefined)?.data;
    if (data?.type === 'account' && data.attributes) {
      migrateAccountAttributes(data.attributes);
      delete data.attributes['account-status'];
      for (const kind of ['inquiries', 'reports', 'cases']) delete data.relationships?.[kind];
    }
  } else if (record.type === 'account-type') {
    migrateAccountType(record);
  } else if (record.type === 'inquiry' && a.creator === null) {
    delete a.creator;
  }
}

/** An account type's custom fields and action list move from its attributes to `internal`. */
export function migrateAccountType(record: ResourceRecord): void {
  const a = record.attributes;
  record.internal ??= {};
  const internal = record.internal;
  if ('field-schemas' in a) {
    internal.fields ??= a['field-schemas'];
    delete a['field-schemas'];
  }
  if ('account-actions' in a) {
    internal.actionIds ??= ((a['account-actions'] as { id: string }[] | null) ?? []).map(
      (action) => action.id,
    );
    delete a['account-actions'];
  }
}

/** Top-level personal data into typed `fields`; members Persona's account lacks removed. */
function migrateAccountAttributes(a: Record<string, unknown>): void {
  const current = (a.fields as Record<string, unknown> | undefined) ?? {};
  a.fields = personalFields(current, a);
  for (const name of [...personalRequestAttributes, 'identification-numbers', 'selfie-photo'])
    delete a[name];
  if (a['social-security-number'] === null) delete a['social-security-number'];
}
