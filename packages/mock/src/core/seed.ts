import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { createAccount } from '../services/accounts/accounts.js';
import { seedLists } from '../services/lists/seed-lists.js';
import { DEFAULT_INQUIRY_EXPIRY_SECONDS } from '../time/inquiry-expiry.js';
import { defaultSeed } from './default-seed.js';
import { invalid } from './errors.js';
import type { Org } from './org.js';
import { seedSchema } from './seed-schema.js';
import type { SeedContent, SeedField } from './seed-types.js';
import type { ResourceRecord } from './types.js';

export type { SeedContent };
export { defaultSeed };

/** A seed file: the default content extended (or, with `extends: none`, replaced). */
export type SeedFile = Partial<SeedContent> & { extends?: 'default' | 'none' };

// Compiled on first use: most mocks start from the default seed and never need it.
let validateSeed: ValidateFunction | undefined;

/** Reads a seed from YAML or JSON text and checks it; a bad seed is a 422 naming the place. */
export function parseSeed(text: string, contentType = 'application/yaml'): SeedFile {
  let value: unknown;
  try {
    value = contentType.includes('json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw invalid(
      `seed is not valid ${contentType.includes('json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  return checkSeed(value);
}

export function checkSeed(value: unknown): SeedFile {
  validateSeed ??= new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(
    seedSchema,
  );
  if (!validateSeed(value)) {
    const error = validateSeed.errors?.[0];
    throw invalid(`${seedProblem(error)}; ${seedFormatHint}`);
  }
  return value as SeedFile;
}

/** Where a user reads the seed format. */
export const seedFormatHint =
  'the seed format is described under "Seeds" in @persona-kit/mock\'s README (packages/mock/README.md)';

/** One Ajv error as `seed.accountTypes[0]: unknown property nombre`. */
function seedProblem(error: ErrorObject | undefined): string {
  if (!error) return 'seed is invalid';
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replaceAll('~1', '/')}`))
    .join('');
  const at = `seed${path}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return `${at}: unknown property ${String(params.additionalProperty)}`;
  }
  if (error.keyword === 'required') {
    return `${at}: missing property ${String(params.missingProperty)}`;
  }
  if (error.keyword === 'enum') {
    return `${at} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${at} ${error.message ?? 'is invalid'}`;
}

/** The content a seed file describes: the default seed merged with it, by id. */
export function resolveSeed(file: SeedFile): SeedContent {
  const base: SeedContent =
    file.extends === 'none'
      ? {
          plan: 'growth',
          accountTypes: [],
          inquiryTemplates: [],
          verificationTemplates: [],
          reportTemplates: [],
          caseTemplates: [],
          caseQueues: [],
          workflows: [],
          accounts: [],
        }
      : defaultSeed();
  const merge = <T extends { id?: string }>(a: T[], b: T[] | undefined): T[] => {
    if (!b) return a;
    const ids = new Set(b.map((item) => item.id).filter(Boolean));
    return [...a.filter((item) => !item.id || !ids.has(item.id)), ...b];
  };
  const content: SeedContent = {
    plan: file.plan ?? base.plan,
    accountTypes: merge(base.accountTypes, file.accountTypes),
    inquiryTemplates: merge(base.inquiryTemplates, file.inquiryTemplates),
    verificationTemplates: merge(base.verificationTemplates, file.verificationTemplates),
    reportTemplates: merge(base.reportTemplates, file.reportTemplates),
    caseTemplates: merge(base.caseTemplates, file.caseTemplates),
    caseQueues: merge(base.caseQueues, file.caseQueues),
    workflows: merge(base.workflows, file.workflows),
    accounts: merge(base.accounts, file.accounts),
    lists: merge(base.lists ?? [], file.lists),
  };
  // A seed that names a verification template it lacks fails when read, not on first use.
  checkVerificationTemplateIds(file, (id) =>
    content.verificationTemplates.some((t) => t.id === id),
  );
  return content;
}

/**
 * Writes seed content into an organization: objects with an id the
 * organization already has are replaced (configuration only; accounts are
 * kept). Answers how many objects of each kind were written.
 */
export function seedOrg(org: Org, content: SeedFile, now: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const put = (name: Parameters<Org['collection']>[0], record: ResourceRecord) => {
    const collection = org.collection(name);
    const existing = collection.get(record.id);
    if (existing) collection.update(record.id, (r) => Object.assign(r, record));
    else collection.insert(record);
    counts[name] = (counts[name] ?? 0) + 1;
  };
  checkVerificationTemplateIds(content, (id) => org.collection('verification-templates').has(id));
  if (content.plan) {
    org.data.plan = content.plan;
    org.touch();
  }
  const types = content.accountTypes ?? [];
  const hasDefault = types.some((t) => t.default);
  types.forEach((type, i) => {
    put('account-types', {
      type: 'account-type',
      id: type.id,
      attributes: {
        name: type.name,
        'created-at': now,
        'updated-at': now,
      },
      // Persona's account type answers only its name and times: the custom fields
      // and the actions are mock-only, read on `GET /__mock/seed`.
      internal: {
        default: type.default ?? (!hasDefault && i === 0),
        fields: (type.fields ?? []).map((f) => ({
          key: f.key,
          type: f.type,
          label: f.label ?? null,
        })),
        actionIds: (type.actions ?? []).map((action) => action.id),
      },
    });
    for (const action of type.actions ?? []) {
      put('account-actions', {
        type: 'account-action',
        id: action.id,
        attributes: { name: action.name, 'created-at': now },
        relationships: { 'account-type': { data: { type: 'account-type', id: type.id } } },
        internal: {
          parameters: action.parameters ?? [],
          fromStatuses: action.fromStatuses ?? null,
          steps: action.steps,
        },
      });
    }
  });
  for (const template of content.verificationTemplates ?? []) {
    put('verification-templates', {
      type: template.verificationType.replace('verification/', 'verification-template/'),
      id: template.id,
      attributes: { name: template.name, status: 'active', 'created-at': now },
    });
  }
  for (const template of content.inquiryTemplates ?? []) {
    put('inquiry-templates', {
      type: 'inquiry-template',
      id: template.id,
      attributes: { name: template.name, status: 'active', 'created-at': now },
      internal: {
        expiresInSeconds:
          template.expiresInSeconds === undefined
            ? DEFAULT_INQUIRY_EXPIRY_SECONDS
            : template.expiresInSeconds,
        verificationTemplateIds: template.verificationTemplateIds ?? [],
      },
    });
  }
  for (const template of content.reportTemplates ?? []) {
    put('report-templates', {
      type: 'report-template',
      id: template.id,
      attributes: { name: template.name, 'report-type': template.reportType, 'created-at': now },
      internal: {
        reportType: template.reportType,
        recurrenceDays: template.recurrenceDays ?? null,
      },
    });
  }
  for (const template of content.caseTemplates ?? []) {
    put('case-templates', {
      type: 'case-template',
      id: template.id,
      attributes: {
        status: 'active',
        name: template.name,
        statuses: template.statuses,
        resolutions: template.resolutions ?? [],
        'field-schemas': (template.fields ?? []).map((f: SeedField) => ({
          key: f.key,
          type: f.type,
          label: f.label ?? f.key,
          required: f.required ?? false,
        })),
        'created-at': now,
        'updated-at': now,
        'archived-at': null,
      },
    });
  }
  for (const queue of content.caseQueues ?? []) {
    put('case-queues', {
      type: 'case-queue',
      id: queue.id,
      attributes: {
        status: 'active',
        name: queue.name,
        'created-at': now,
        'updated-at': now,
        'archived-at': null,
      },
    });
  }
  for (const workflow of content.workflows ?? []) {
    put('workflows', {
      type: 'workflow',
      id: workflow.id,
      attributes: { name: workflow.name, status: 'published', 'created-at': now },
      internal: { steps: workflow.steps, trigger: workflow.trigger ?? null },
    });
  }
  if (content.lists?.length) counts.lists = seedLists(org, now, content.lists);
  if (content.accounts?.length) {
    for (const account of content.accounts) {
      createAccount(org, now, {
        ...(account.id ? { id: account.id } : {}),
        attributes: {
          ...account.attributes,
          ...(account.accountTypeId ? { 'account-type-id': account.accountTypeId } : {}),
          ...(account.referenceId ? { 'reference-id': account.referenceId } : {}),
          ...(account.fields ? { fields: account.fields } : {}),
          ...(account.tags ? { tags: account.tags } : {}),
        },
      });
    }
    counts.accounts = content.accounts.length;
  }
  return counts;
}

/** An inquiry template may list only verification templates the seed adds or the organization has. */
function checkVerificationTemplateIds(content: SeedFile, exists: (id: string) => boolean): void {
  const known = new Set((content.verificationTemplates ?? []).map((t) => t.id));
  (content.inquiryTemplates ?? []).forEach((template, i) => {
    (template.verificationTemplateIds ?? []).forEach((id, j) => {
      if (!known.has(id) && !exists(id)) {
        throw invalid(
          `seed.inquiryTemplates[${i}].verificationTemplateIds[${j}] ${id} names no verification template of the seed or the organization`,
        );
      }
    });
  });
}
