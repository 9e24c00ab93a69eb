import { inquiryExpirySeconds } from '../time/inquiry-expiry.js';
import type { CollectionName, Org } from './org.js';
import type {
  SeedAccountAction,
  SeedAccountType,
  SeedActionParameter,
  SeedCaseTemplate,
  SeedContent,
  SeedField,
  SeedVerificationTemplate,
  WorkflowStep,
  WorkflowTrigger,
} from './seed-types.js';
import type { ResourceRecord } from './types.js';

type StoredField = {
  key: string;
  type: SeedField['type'];
  label?: string | null;
  required?: boolean;
};

const records = (org: Org, name: CollectionName): ResourceRecord[] => [
  ...org.collection(name).values(),
];
const nameOf = (record: ResourceRecord) => record.attributes.name as string;

function fieldsOf(stored: StoredField[] | undefined): SeedField[] {
  return (stored ?? []).map((f) => ({
    key: f.key,
    type: f.type,
    ...(typeof f.label === 'string' ? { label: f.label } : {}),
    ...(f.required !== undefined ? { required: f.required } : {}),
  }));
}

function actionOf(action: ResourceRecord): SeedAccountAction {
  const internal = action.internal ?? {};
  const parameters = (internal.parameters as SeedActionParameter[] | undefined) ?? [];
  const fromStatuses = internal.fromStatuses as string[] | null | undefined;
  return {
    id: action.id,
    name: nameOf(action),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(fromStatuses ? { fromStatuses } : {}),
    steps: (internal.steps as WorkflowStep[] | undefined) ?? [],
  };
}

function accountTypeOf(org: Org, type: ResourceRecord): SeedAccountType {
  const actions = org.collection('account-actions');
  const listed = (type.internal?.actionIds as string[] | undefined) ?? [];
  return {
    id: type.id,
    name: nameOf(type),
    ...(type.internal?.default ? { default: true } : {}),
    fields: fieldsOf(type.internal?.fields as StoredField[] | undefined),
    actions: listed.flatMap((id) => {
      const action = actions.get(id);
      return action ? [actionOf(action)] : [];
    }),
  };
}

function caseTemplateOf(template: ResourceRecord): SeedCaseTemplate {
  return {
    id: template.id,
    name: nameOf(template),
    statuses: template.attributes.statuses as string[],
    resolutions: (template.attributes.resolutions as string[] | undefined) ?? [],
    fields: fieldsOf(template.attributes['field-schemas'] as StoredField[] | undefined),
  };
}

/**
 * An organization's configuration as it is now, in the seed file's format:
 * what `GET /__mock/seed` answers. Feeding it back as a seed (with
 * `extends: none`) makes an organization configured the same. Accounts are
 * data, not configuration: they are left out.
 */
export function exportSeed(org: Org): SeedContent {
  return {
    plan: org.data.plan,
    accountTypes: records(org, 'account-types').map((type) => accountTypeOf(org, type)),
    inquiryTemplates: records(org, 'inquiry-templates').map((t) => ({
      id: t.id,
      name: nameOf(t),
      expiresInSeconds: inquiryExpirySeconds(t),
      verificationTemplateIds: (t.internal?.verificationTemplateIds as string[] | undefined) ?? [],
    })),
    verificationTemplates: records(org, 'verification-templates').map((t) => ({
      id: t.id,
      name: nameOf(t),
      verificationType: t.type.replace(
        'verification-template/',
        'verification/',
      ) as SeedVerificationTemplate['verificationType'],
    })),
    reportTemplates: records(org, 'report-templates').map((t) => ({
      id: t.id,
      name: nameOf(t),
      reportType: (t.internal?.reportType ?? t.attributes['report-type']) as string,
      ...(t.internal?.recurrenceDays
        ? { recurrenceDays: t.internal.recurrenceDays as number }
        : {}),
    })),
    caseTemplates: records(org, 'case-templates').map(caseTemplateOf),
    caseQueues: records(org, 'case-queues').map((q) => ({ id: q.id, name: nameOf(q) })),
    workflows: records(org, 'workflows').map((w) => ({
      id: w.id,
      name: nameOf(w),
      ...(w.internal?.trigger ? { trigger: w.internal.trigger as WorkflowTrigger } : {}),
      steps: (w.internal?.steps as WorkflowStep[] | undefined) ?? [],
    })),
    accounts: [],
  };
}
