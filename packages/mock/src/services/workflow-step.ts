// A workflow's steps as a run goes through them: branches, and what each
// action step reads, does and answers.
import { ApiError, invalid } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { WorkflowStep } from '../core/seed-types.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import { actionFor, checkParameters } from './account-action-rules.js';
import { accountStatus, findOrCreateAccount } from './accounts/accounts.js';
import { createCase } from './cases/cases.js';
import { addTag } from './tags.js';
import { MissingValueError, render } from './templates.js';
import { conditionHolds, conditionValue } from './workflow-conditions.js';
import { attachInquiry, decideInquiryStep } from './workflow-inquiry-steps.js';

type ActionStep = Exclude<WorkflowStep, { type: 'branch' }>;

export interface StepOutcome {
  key: string;
  type: string;
  status: 'completed' | 'failed' | 'skipped';
  'continued-on-error': boolean;
  error: { title: string; details?: string } | null;
  /** The step's inputs once workflow values were filled in, as far as the step got. */
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
}

export interface RunState {
  context: Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };
  objects: Linkage[];
}

const taggable = new Set(['accounts', 'inquiries', 'reports', 'cases']);

/**
 * Runs one step; answers its output or throws what made it fail. Each value
 * the step resolves is written to `input` under its name, so a trace shows
 * what a step was given even when it failed half way.
 */
export function runStep(
  org: Org,
  now: string,
  step: ActionStep,
  state: RunState,
  input: Record<string, unknown>,
): Record<string, unknown> {
  const value = (template: string, what: string, name?: string) => {
    try {
      const out = render(template, state.context);
      if (name) input[name] = out;
      return out;
    } catch (error) {
      if (error instanceof MissingValueError) throw invalid(`${what} ${error.message}`);
      throw error;
    }
  };
  const text = (template: string, what: string, name: string) => {
    const out = value(template, what, name);
    if (typeof out !== 'string' && typeof out !== 'number') throw invalid(`${what} must be text`);
    const s = String(out);
    if (s.length === 0) throw invalid(`${what} is empty`);
    return s;
  };
  switch (step.type) {
    case 'find-or-create-account': {
      Object.assign(input, {
        'account-type-id': step.accountTypeId,
        'identifier-type': step.identifierType,
      });
      const referenceId = text(step.identifierValue, 'identifier value', 'identifier-value');
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
      Object.assign(input, {
        'case-template-id': step.caseTemplateId,
        ...(step.caseQueueId ? { 'case-queue-id': step.caseQueueId } : {}),
        fields,
        'object-ids': objectIds,
      });
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
      const id = text(step.objectId, 'object id', 'object-id');
      const tag = text(step.tag, 'tag', 'tag');
      const target = org.findById(id);
      const name = target ? collectionName(target.type) : undefined;
      if (!target || !name || !taggable.has(name))
        throw invalid(`object ${id} cannot be tagged or does not exist`);
      addTag({ org, now, record: target, collection: name as 'accounts' }, tag);
      return { 'object-id': id };
    }
    case 'set-account-status': {
      const id = text(step.accountId, 'account id', 'account-id');
      const status = text(step.status, 'status', 'status');
      const account = org.collection('accounts').get(id);
      if (!account) throw invalid(`account ${id} does not exist`);
      org.collection('accounts').update(id, (a) => {
        a.internal = { ...a.internal, status };
        a.attributes['updated-at'] = now;
      });
      // The status is the mock's own (Persona's account does not carry it): no event.
      return { 'account-id': id };
    }
    case 'run-account-action': {
      const id = text(step.accountId, 'account id', 'account-id');
      const parameters: Record<string, unknown> = {};
      input['account-action-id'] = step.accountActionId;
      input.parameters = parameters;
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
    case 'attach-inquiry': {
      const inquiryId = text(step.inquiryId, 'inquiry id', 'inquiry-id');
      const accountId = text(step.accountId, 'account id', 'account-id');
      const output = attachInquiry(org, now, inquiryId, accountId);
      state.objects.push({ type: 'inquiry', id: inquiryId }, { type: 'account', id: accountId });
      return output;
    }
    case 'decide-inquiry': {
      const inquiryId = text(step.inquiryId, 'inquiry id', 'inquiry-id');
      const comment =
        step.comment === undefined ? undefined : text(step.comment, 'comment', 'comment');
      input.decision = step.decision;
      decideInquiryStep(org, now, inquiryId, step.decision, comment);
      state.objects.push({ type: 'inquiry', id: inquiryId });
      return { 'inquiry-id': inquiryId };
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
  const failure = runList(org, now, steps, state, outcomes, undefined);
  return {
    status: failure ? 'failed' : 'completed',
    steps: outcomes,
    objects: dedupe(state.objects),
    ...(failure ? { error: failure } : {}),
  };
}

/**
 * One list of steps; a branch runs the list its condition picks, whose
 * outcomes follow its own (the list not taken is not listed).
 */
function runList(
  org: Org,
  now: string,
  steps: WorkflowStep[],
  state: RunState,
  outcomes: StepOutcome[],
  failed: ApiError | undefined,
): ApiError | undefined {
  let failure = failed;
  for (const step of steps) {
    const outcome: StepOutcome = {
      key: step.key,
      type: step.type,
      status: 'skipped',
      'continued-on-error': false,
      error: null,
      input: {},
      output: null,
    };
    outcomes.push(outcome);
    if (failure) continue;
    if (step.type === 'branch') {
      const taken = conditionHolds(step.if, state.context);
      outcome.input = { if: step.if, value: conditionValue(step.if, state.context) ?? null };
      state.context.steps[step.key] = { branch: taken ? 'do' : 'else' };
      outcome.status = 'completed';
      failure = runList(org, now, taken ? step.do : (step.else ?? []), state, outcomes, failure);
      continue;
    }
    try {
      const output = runStep(org, now, step, state, outcome.input);
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
  return failure;
}

function dedupe(objects: Linkage[]): Linkage[] {
  const seen = new Set<string>();
  return objects.filter((o) => !seen.has(o.id) && seen.add(o.id));
}

/** The account as templates see it: `{{account.id}}`, `{{account.reference-id}}`, `{{account.status}}`. */
export function accountView(account: ResourceRecord): Record<string, unknown> {
  return { id: account.id, ...account.attributes, status: accountStatus(account) };
}
