// The ids scenarios need from an organization's configuration: account types and
// their actions, templates, queues, a workflow. They are given, read from the API
// where Persona lists them, or read from persona-kit's mock (its /__mock/seed
// route) when the server is that mock: Persona's account type does not list its
// actions, so elsewhere they come from given fixtures only. What none of these yields is missing, and
// the steps that need it are skipped with the reason.
import type { FetchFunction } from '../validating-fetch.js';
import type { Api } from './api.js';
import type { Json } from './values.js';

export interface AccountActionFixture {
  id: string;
  /** A required parameter of the action, and a value it accepts. */
  parameter: string;
  value: string | number | boolean;
}

export interface WorkflowFixture {
  id: string;
  /** The trigger value the workflow's Find or Create Account step reads: `user-id`. */
  triggerKey: string;
  /** The reference id it finds or creates, with `{value}` for the trigger value: `user-{value}`. */
  referenceId: string;
  /** Whether the workflow then opens a case on the account. */
  createsCase: boolean;
}

/** Lists of the kinds only Persona's dashboard makes: ids by the kind's path segment. */
export interface DashboardLists {
  'device-fingerprints'?: string;
  fields?: string;
  strings?: string;
}

export interface Fixtures {
  /** The organization's default account type (`User`). */
  accountTypeId?: string;
  /** Another account type, to show that a reference id is found whatever type is asked for. */
  otherAccountTypeId?: string;
  /** An action of the default account type with a required parameter. */
  accountAction?: AccountActionFixture;
  /** An action of another account type: running it on a default-type account is a conflict. */
  foreignAccountActionId?: string;
  inquiryTemplateId?: string;
  /** A government ID verification template (`vtmpl_…`), for the sandbox's simulate actions. */
  verificationTemplateId?: string;
  /** A report template whose reports search by name (watchlist and the like). */
  reportTemplateId?: string;
  /** A watchlist report template that monitors continuously (its reports run again on a schedule). */
  monitoredReportTemplateId?: string;
  /** A case template with no required fields. */
  caseTemplateId?: string;
  /** Statuses the case template allows. */
  caseStatuses?: string[];
  caseQueueId?: string;
  /** A workflow that finds or creates an account by a reference id built from a trigger value. */
  signupWorkflow?: WorkflowFixture;
  /** A transaction type (`txntp_…`) to record transactions of. */
  transactionTypeId?: string;
  /** Active lists of the kinds Persona's API cannot create (made in its dashboard), by kind. */
  dashboardLists?: DashboardLists;
  /** The server is persona-kit's mock (its admin routes answered). */
  personaKitMock?: boolean;
}

/** Why a fixture may be missing, and how to give it. */
export const fixtureHints: Record<keyof Fixtures, string> = {
  accountTypeId: 'GET /account-types listed no account type',
  otherAccountTypeId: 'the organization has a single account type; give otherAccountTypeId',
  accountAction:
    "Persona's API does not list account actions; give accountAction { id, parameter, value } (an action of the default type with a required parameter)",
  foreignAccountActionId:
    "Persona's API does not list account actions; give foreignAccountActionId (an action of another account type)",
  inquiryTemplateId:
    "Persona's API lists no inquiry templates and no inquiry names one yet; give inquiryTemplateId",
  verificationTemplateId:
    "Persona's API lists no verification templates; give verificationTemplateId (a government ID verification template of the sandbox, vtmpl_…)",
  reportTemplateId:
    "Persona's API lists no report templates and no name-search report names one yet; give reportTemplateId",
  monitoredReportTemplateId:
    "Persona's API lists no report templates; give monitoredReportTemplateId (a watchlist template with continuous monitoring)",
  caseTemplateId: 'GET /case-templates listed no active template without required fields',
  caseStatuses: 'the case template lists no statuses',
  caseQueueId: 'GET /case-queues listed no active queue',
  signupWorkflow:
    "Persona's API lists no workflows; give signupWorkflow { id, triggerKey, referenceId, createsCase }",
  transactionTypeId:
    "Persona's API lists no transaction types and no transaction names one yet; give transactionTypeId (txntp_…)",
  dashboardLists:
    "Persona's API cannot create lists of device fingerprints, fields or strings and GET /lists listed none; give dashboardLists { device-fingerprints, fields, strings }",
  personaKitMock: 'the server is not persona-kit mock',
};

/** The mock keeps no transaction-type configuration and records transactions of any type id. */
export const MOCK_TRANSACTION_TYPE_ID = 'txntp_ContractPayment00000000000';

const DASHBOARD_LIST_TYPES: [string, keyof DashboardLists][] = [
  ['list/device-fingerprint', 'device-fingerprints'],
  ['list/field', 'fields'],
  ['list/string', 'strings'],
];

const NAME_SEARCH_REPORTS = [
  'report/watchlist',
  'report/politically-exposed-person',
  'report/adverse-media',
];

async function data(api: Api, operationId: string, query: Record<string, string>): Promise<Json[]> {
  try {
    const answer = await api.call(operationId, { query });
    return answer.status === 200 && Array.isArray(answer.body?.data) ? answer.body.data : [];
  } catch {
    return [];
  }
}

/** Reads what it can from the API itself: what Persona documents for any organization. */
export async function discoverFromApi(api: Api): Promise<Fixtures> {
  const found: Fixtures = {};
  const types = await data(api, 'listAccountTypes', { 'page[size]': '100' });
  const main = types.find((t) => t.attributes?.name === 'User') ?? types[0];
  if (main) {
    found.accountTypeId = main.id;
    const other = types.find((t) => t.id !== main.id);
    if (other) found.otherAccountTypeId = other.id;
  }
  const templates = await data(api, 'listCaseTemplates', {
    'filter[status]': 'active',
    'page[size]': '100',
  });
  const template = templates.find(
    (t) => !(t.attributes?.['field-schemas'] ?? []).some((f: Json) => f.required),
  );
  if (template) {
    found.caseTemplateId = template.id;
    if (Array.isArray(template.attributes?.statuses) && template.attributes.statuses.length > 0) {
      found.caseStatuses = template.attributes.statuses;
    }
  }
  const queues = await data(api, 'listCaseQueues', { 'filter[status]': 'active' });
  if (queues[0]) found.caseQueueId = queues[0].id;
  const lists = await data(api, 'listLists', { 'filter[status]': 'active', 'page[size]': '100' });
  const dashboardLists: DashboardLists = {};
  for (const [type, kind] of DASHBOARD_LIST_TYPES) {
    const list = lists.find((l) => l.type === type);
    if (list) dashboardLists[kind] = list.id;
  }
  if (Object.keys(dashboardLists).length > 0) found.dashboardLists = dashboardLists;
  // Templates have no list operation: an existing inquiry or report names one.
  const inquiries = await data(api, 'listInquiries', { 'page[size]': '1' });
  const inquiryTemplate = inquiries[0]?.relationships?.['inquiry-template']?.data?.id;
  if (inquiryTemplate) found.inquiryTemplateId = inquiryTemplate;
  const reports = await data(api, 'listReports', { 'page[size]': '25' });
  const report = reports.find((r) => NAME_SEARCH_REPORTS.includes(r.type));
  const reportTemplate = report?.relationships?.['report-template']?.data?.id;
  if (reportTemplate) found.reportTemplateId = reportTemplate;
  const transactions = await data(api, 'listTransactions', { 'page[size]': '1' });
  const transactionType = transactions[0]?.relationships?.['transaction-type']?.data?.id;
  if (transactionType) found.transactionTypeId = transactionType;
  return found;
}

interface MockActionParameter {
  key: string;
  required?: boolean;
  allowedValues?: (string | number | boolean)[];
}

/** The part of the mock's seed format (`GET /__mock/seed`) the scenarios read. */
interface MockSeed {
  accountTypes?: {
    id: string;
    name?: string;
    actions?: { id: string; parameters?: MockActionParameter[] }[];
  }[];
  inquiryTemplates?: { id: string; name?: string; verificationTemplateIds?: string[] }[];
  verificationTemplates?: { id: string; name?: string; verificationType?: string }[];
  reportTemplates?: { id: string; name?: string; reportType?: string; recurrenceDays?: number }[];
  workflows?: { id: string; name?: string; steps?: Json[] }[];
}

/**
 * persona-kit's mock tells its organization's content through `GET /__mock/seed`,
 * in its seed file's format: the account actions, templates and workflows Persona's
 * API has no list operation for.
 */
export async function discoverFromMock(
  fetchImpl: FetchFunction,
  baseUrl: string,
  apiKey: string,
): Promise<Fixtures | null> {
  let seed: MockSeed;
  try {
    const response = await fetchImpl(
      new Request(`${new URL(baseUrl).origin}/__mock/seed`, {
        headers: { Authorization: `Bearer ${apiKey}` },
      }),
    );
    if (response.status !== 200) return null;
    seed = await response.json();
  } catch {
    return null;
  }
  if (seed === null || typeof seed !== 'object' || !Array.isArray(seed.workflows)) return null;
  const found: Fixtures = {
    personaKitMock: true,
    transactionTypeId: MOCK_TRANSACTION_TYPE_ID,
    ...actionsOf(seed),
  };
  const inquiryTemplate = seed.inquiryTemplates?.[0];
  if (inquiryTemplate) found.inquiryTemplateId = inquiryTemplate.id;
  // A government ID template, the inquiry template's own when it lists one.
  const governmentIds = (seed.verificationTemplates ?? []).filter(
    (t) => t.verificationType === 'verification/government-id',
  );
  const verificationTemplate =
    governmentIds.find((t) => inquiryTemplate?.verificationTemplateIds?.includes(t.id)) ??
    governmentIds[0];
  if (verificationTemplate) found.verificationTemplateId = verificationTemplate.id;
  const reportTemplate = seed.reportTemplates?.find((t) =>
    NAME_SEARCH_REPORTS.includes(t.reportType ?? ''),
  );
  if (reportTemplate) found.reportTemplateId = reportTemplate.id;
  const monitored = seed.reportTemplates?.find(
    (t) => t.reportType === 'report/watchlist' && t.recurrenceDays,
  );
  if (monitored) found.monitoredReportTemplateId = monitored.id;
  for (const workflow of seed.workflows) {
    const steps: Json[] = workflow.steps ?? [];
    const find = steps.find(
      (s) => s.type === 'find-or-create-account' && s.identifierType === 'reference-id',
    );
    const template = String(find?.identifierValue ?? '');
    const placeholders = [...template.matchAll(/\{\{\s*trigger\.([\w-]+)\s*\}\}/g)];
    const key = placeholders[0]?.[1];
    if (!find || !key || placeholders.length !== 1 || template.split('{{').length !== 2) continue;
    found.signupWorkflow = {
      id: workflow.id,
      triggerKey: key,
      referenceId: template.replace(/\{\{[^}]*\}\}/, '{value}'),
      createsCase: steps.some((s) => s.type === 'create-case'),
    };
    if (found.signupWorkflow.createsCase) break;
  }
  return found;
}

/**
 * An action of the default type (picked as `discoverFromApi` picks it: `User`, or
 * the first) with a required parameter and a value it accepts, and an action of
 * another type.
 */
function actionsOf(seed: MockSeed): Fixtures {
  const types = seed.accountTypes ?? [];
  const main = types.find((t) => t.name === 'User') ?? types[0];
  if (!main) return {};
  const found: Fixtures = {};
  for (const action of main.actions ?? []) {
    const parameter = (action.parameters ?? []).find(
      (p) => p.required && Array.isArray(p.allowedValues) && p.allowedValues.length > 0,
    );
    if (!parameter?.allowedValues) continue;
    const values = parameter.allowedValues;
    const value = values.find((v) => v !== 'closed') ?? values[0]!;
    found.accountAction = { id: action.id, parameter: parameter.key, value };
    break;
  }
  const foreign = types.filter((t) => t.id !== main.id).flatMap((t) => t.actions ?? [])[0];
  if (foreign) found.foreignAccountActionId = foreign.id;
  return found;
}

/**
 * Ids of the right shape that name nothing: enough for a stateless server, which
 * checks only that a request fits the schema (schema-only mode).
 */
export function placeholderFixtures(): Fixtures {
  const id = (prefix: string) => `${prefix}_${'0'.repeat(24)}`;
  return {
    accountTypeId: id('acttp'),
    otherAccountTypeId: `acttp_${'1'.repeat(24)}`,
    accountAction: { id: id('accac'), parameter: 'status', value: 'suspended' },
    foreignAccountActionId: `accac_${'1'.repeat(24)}`,
    inquiryTemplateId: id('itmpl'),
    verificationTemplateId: id('vtmpl'),
    reportTemplateId: id('rptp'),
    monitoredReportTemplateId: id('rptp'),
    caseTemplateId: id('ctmpl'),
    caseStatuses: ['open', 'pending'],
    caseQueueId: id('cqueue'),
    transactionTypeId: id('txntp'),
    dashboardLists: {
      'device-fingerprints': id('lst'),
      fields: `lst_${'1'.repeat(24)}`,
      strings: `lst_${'2'.repeat(24)}`,
    },
    signupWorkflow: {
      id: id('wfl'),
      triggerKey: 'user-id',
      referenceId: 'user-{value}',
      createsCase: true,
    },
  };
}

/** Given fixtures win, then what the API lists, then what the mock's admin route tells. */
export function mergeFixtures(...sources: Array<Fixtures | null | undefined>): Fixtures {
  const out: Fixtures = {};
  for (const source of sources) {
    if (!source) continue;
    for (const [key, value] of Object.entries(source) as [keyof Fixtures, never][]) {
      if (out[key] === undefined && value !== undefined) out[key] = value;
    }
  }
  return out;
}
