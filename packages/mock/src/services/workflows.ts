import { ApiError, conflict, forbidden, invalid, notFound } from '../core/errors.js';
import { linkedId, type Org } from '../core/org.js';
import type { SeedActionParameter, WorkflowStep } from '../core/seed-types.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import { accountStatus, findOrCreateAccount, getAccount } from './accounts/accounts.js';
import { createCase } from './cases/cases.js';
import { recordEvent } from './events.js';
import { addTag } from './tags.js';
import { MissingValueError, render } from './templates.js';

export interface StepOutcome {
  key: string;
  type: string;
  status: 'completed' | 'failed' | 'skipped';
  'continued-on-error': boolean;
  error: { title: string; details?: string } | null;
  output: Record<string, unknown> | null;
}

interface RunState {
  context: Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };
  objects: Linkage[];
}

/** Step types a plan does not include. */
const planLimits: Record<string, string[]> = { startup: ['find-or-create-account'] };

const taggable = new Set(['accounts', 'inquiries', 'reports', 'cases']);

/** Runs one step; answers its output or throws what made it fail. */
function runStep(
  org: Org,
  now: string,
  step: WorkflowStep,
  state: RunState,
): Record<string, unknown> {
  const value = (template: string, what: string) => {
    try {
      return render(template, state.context);
    } catch (error) {
      if (error instanceof MissingValueError) throw invalid(`${what} ${error.message}`);
      throw error;
    }
  };
  const text = (template: string, what: string) => {
    const out = value(template, what);
    if (typeof out !== 'string' && typeof out !== 'number') throw invalid(`${what} must be text`);
    const s = String(out);
    if (s.length === 0) throw invalid(`${what} is empty`);
    return s;
  };
  switch (step.type) {
    case 'find-or-create-account': {
      const referenceId = text(step.identifierValue, 'identifier value');
      const { account, created } = findOrCreateAccount(
        org,
        now,
        step.accountTypeId,
        referenceId,
        'step',
      );
      state.objects.push({ type: 'account', id: account.id });
      return { 'account-id': account.id, 'account-created': created };
    }
    case 'create-case': {
      const fields: Record<string, unknown> = {};
      for (const [name, template] of Object.entries(step.fields ?? {})) {
        try {
          fields[name] = render(template, state.context);
        } catch (error) {
          // A field whose workflow value is absent is left empty, as a blank in the dashboard is.
          if (!(error instanceof MissingValueError)) throw error;
        }
      }
      const attach = step.attach ?? Object.keys(state.context.steps);
      const objectIds: string[] = [];
      for (const key of attach) {
        const output = state.context.steps[key];
        for (const name of ['account-id', 'inquiry-id', 'report-id'] as const) {
          if (typeof output?.[name] === 'string') objectIds.push(output[name] as string);
        }
      }
      const found = createCase(
        org,
        now,
        {
          caseTemplateId: step.caseTemplateId,
          ...(step.caseQueueId ? { caseQueueId: step.caseQueueId } : {}),
          fields,
          objectIds,
          creator: { type: 'workflow-run', id: state.context.runId as string },
        },
        'step',
      );
      state.objects.push({ type: 'case', id: found.id });
      return { 'case-id': found.id };
    }
    case 'tag-object': {
      const id = text(step.objectId, 'object id');
      const tag = text(step.tag, 'tag');
      const target = org.findById(id);
      const name = target ? collectionName(target.type) : undefined;
      if (!target || !name || !taggable.has(name))
        throw invalid(`object ${id} cannot be tagged or does not exist`);
      addTag(org, now, target, tag, name as 'accounts');
      return { 'object-id': id };
    }
    case 'set-account-status': {
      const id = text(step.accountId, 'account id');
      const status = text(step.status, 'status');
      const account = org.collection('accounts').get(id);
      if (!account) throw invalid(`account ${id} does not exist`);
      org.collection('accounts').update(id, (a) => {
        a.internal = { ...a.internal, status };
        a.attributes['updated-at'] = now;
      });
      recordEvent(org, now, 'account.status-updated', account);
      return { 'account-id': id };
    }
    case 'run-account-action': {
      const id = text(step.accountId, 'account id');
      const parameters: Record<string, unknown> = {};
      for (const [name, template] of Object.entries(step.parameters ?? {}))
        parameters[name] = value(template, `parameter ${name}`);
      const account = org.collection('accounts').get(id);
      if (!account) throw invalid(`account ${id} does not exist`);
      const action = actionFor(org, account, step.accountActionId);
      checkParameters(action, parameters, 'parameters');
      const inner = runSteps(org, now, action.internal!.steps as WorkflowStep[], {
        ...state.context,
        account: accountView(account),
        parameters,
        steps: {},
      });
      if (inner.status === 'failed') throw invalid(`account action ${step.accountActionId} failed`);
      return { 'account-id': id };
    }
  }
}

function collectionName(type: string): string | undefined {
  if (type === 'account') return 'accounts';
  if (type === 'inquiry') return 'inquiries';
  if (type === 'case') return 'cases';
  if (type.startsWith('report/')) return 'reports';
  return undefined;
}

/** Runs steps in order; a failing step fails the run unless it continues on error. */
export function runSteps(
  org: Org,
  now: string,
  steps: WorkflowStep[],
  context: Record<string, unknown>,
): { status: 'completed' | 'failed'; steps: StepOutcome[]; objects: Linkage[]; error?: ApiError } {
  const state: RunState = { context: { ...context, steps: {} }, objects: [] };
  const outcomes: StepOutcome[] = [];
  let failure: ApiError | undefined;
  for (const step of steps) {
    const outcome: StepOutcome = {
      key: step.key,
      type: step.type,
      status: 'skipped',
      'continued-on-error': false,
      error: null,
      output: null,
    };
    outcomes.push(outcome);
    if (failure) continue;
    try {
      const output = runStep(org, now, step, state);
      state.context.steps[step.key] = output;
      outcome.status = 'completed';
      outcome.output = output;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome.status = 'failed';
      outcome.error = {
        title: `Step ${step.key} failed`,
        ...(error.details ? { details: error.details } : {}),
      };
      if (step.continueOnError) outcome['continued-on-error'] = true;
      else failure = error;
    }
  }
  return {
    status: failure ? 'failed' : 'completed',
    steps: outcomes,
    objects: dedupe(state.objects),
    ...(failure ? { error: failure } : {}),
  };
}

function dedupe(objects: Linkage[]): Linkage[] {
  const seen = new Set<string>();
  return objects.filter((o) => !seen.has(o.id) && seen.add(o.id));
}

/** The account as templates see it: `{{account.id}}`, `{{account.reference-id}}`, `{{account.status}}`. */
function accountView(account: ResourceRecord): Record<string, unknown> {
  return { id: account.id, ...account.attributes, status: accountStatus(account) };
}

function saveRun(
  org: Org,
  now: string,
  workflowId: string,
  payload: Record<string, unknown>,
  runId: string,
  result: ReturnType<typeof runSteps>,
): ResourceRecord {
  const run: ResourceRecord = {
    type: 'workflow-run',
    id: runId,
    attributes: {
      status: result.status,
      'created-at': now,
      'completed-at': now,
    },
    // A run started through the API has no creator Persona names: the relationship is left out.
    relationships: {
      workflow: { data: { type: 'workflow', id: workflowId } },
      'workflow-version': { data: { type: 'workflow-version', id: `wfv_${workflowId.slice(4)}` } },
    },
    // Persona's run carries no trace: read it on /__mock/objects/{id}.
    internal: { triggerPayload: payload, steps: result.steps, objects: result.objects },
  };
  org.collection('workflow-runs').insert(run);
  recordEvent(org, now, `workflow-run.${result.status}`, run);
  return run;
}

/** Starts a run of a workflow with trigger values; the mock runs it to the end at once. */
export function triggerWorkflow(
  org: Org,
  now: string,
  workflowId: string,
  payload: Record<string, unknown>,
): ResourceRecord {
  const workflow = org.collection('workflows').get(workflowId);
  if (!workflow) throw notFound('workflow', workflowId);
  const steps = workflow.internal?.steps as WorkflowStep[];
  const barred = planLimits[org.data.plan] ?? [];
  const blocked = steps.find((s) => barred.includes(s.type));
  if (blocked) {
    throw forbidden(
      `The ${blocked.type === 'find-or-create-account' ? 'Find or Create Account' : blocked.type} step is not available on the ${org.data.plan} plan; workflow ${workflowId} cannot run`,
    );
  }
  const runId = org.newId('wfr');
  const result = runSteps(org, now, steps, { trigger: payload, runId });
  return saveRun(org, now, workflowId, payload, runId, result);
}

function actionFor(org: Org, account: ResourceRecord, actionId: string): ResourceRecord {
  const action = org.collection('account-actions').get(actionId);
  if (!action) throw notFound('account action', actionId);
  const typeId = linkedId(account, 'account-type');
  if (linkedId(action, 'account-type') !== typeId) {
    throw conflict(
      `account action ${actionId} belongs to another account type than account ${account.id}`,
    );
  }
  if (account.internal?.consolidatedInto) {
    throw conflict(
      `account ${account.id} was consolidated into ${account.internal.consolidatedInto} and is archived`,
    );
  }
  const from = action.internal?.fromStatuses as string[] | null;
  const status = accountStatus(account);
  if (from && !from.includes(status as string)) {
    throw conflict(
      `account action ${action.attributes.name} cannot run on an account with status ${status}`,
    );
  }
  return action;
}

function checkParameters(
  action: ResourceRecord,
  parameters: Record<string, unknown>,
  where: string,
) {
  const defs = (action.internal?.parameters as SeedActionParameter[]) ?? [];
  const known = new Set(defs.map((d) => d.key));
  for (const key of Object.keys(parameters)) {
    if (!known.has(key))
      throw invalid(
        `${where}.${key} is not a parameter of account action ${action.attributes.name}`,
      );
  }
  for (const def of defs) {
    const value = parameters[def.key];
    if (value === undefined || value === null) {
      if (def.required) throw invalid(`${where}.${def.key} is required`);
      continue;
    }
    const ok =
      def.type === 'string' || def.type === 'date'
        ? typeof value === 'string' && (def.type !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(value))
        : def.type === 'integer'
          ? Number.isInteger(value)
          : def.type === 'number'
            ? typeof value === 'number'
            : typeof value === 'boolean';
    if (!ok) throw invalid(`${where}.${def.key} must be a ${def.type}`);
    if (def.allowedValues && !def.allowedValues.includes(value as string)) {
      throw invalid(`${where}.${def.key} must be one of ${def.allowedValues.join(', ')}`);
    }
  }
}

/**
 * Runs an account action on an account. An action runs as a workflow: a run
 * is recorded either way, and a failed run answers 422 with the step's error.
 */
export function runAccountAction(
  org: Org,
  now: string,
  accountId: string,
  actionId: string,
  parameters: Record<string, unknown>,
): { account: ResourceRecord; run: ResourceRecord } {
  const account = getAccount(org, accountId);
  const action = actionFor(org, account, actionId);
  checkParameters(action, parameters, 'data.parameters');
  const workflowId = `wfl_${actionId.slice(6)}`;
  const runId = org.newId('wfr');
  const result = runSteps(org, now, action.internal!.steps as WorkflowStep[], {
    account: accountView(account),
    parameters,
    runId,
  });
  const run = saveRun(
    org,
    now,
    workflowId,
    { 'account-id': accountId, 'account-action-id': actionId, parameters },
    runId,
    result,
  );
  if (result.error)
    throw invalid(
      `account action ${action.attributes.name} failed: ${result.error.details ?? result.error.title}`,
    );
  recordEvent(org, now, 'account.action-run', account);
  return { account, run };
}
