import { conflict, forbidden, notFound } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { WorkflowStep, WorkflowTrigger } from '../core/seed-types.js';
import type { ResourceRecord } from '../core/types.js';
import { recordEvent } from './events.js';

import { runSteps } from './workflow-step.js';

export { accountView, runSteps, type StepOutcome } from './workflow-step.js';

/** Step types a plan does not include. */
const planLimits: Record<string, string[]> = { startup: ['find-or-create-account'] };

/** Every step, those inside branches too. */
function* allSteps(steps: WorkflowStep[]): Generator<WorkflowStep> {
  for (const step of steps) {
    yield step;
    if (step.type === 'branch') {
      yield* allSteps(step.do);
      yield* allSteps(step.else ?? []);
    }
  }
}

export function saveRun(
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
    relationships: runRelationships(workflowId),
    // Persona's run carries no trace: read it on /__mock/objects/{id}.
    internal: { triggerPayload: payload, steps: result.steps, objects: result.objects },
  };
  org.collection('workflow-runs').insert(run);
  recordEvent(org, now, 'workflow-run.created', run);
  return run;
}

// A run started through the API has no creator Persona names: the relationship is left out.
function runRelationships(workflowId: string): ResourceRecord['relationships'] {
  return {
    workflow: { data: { type: 'workflow', id: workflowId } },
    'workflow-version': { data: { type: 'workflow-version', id: `wfv_${workflowId.slice(4)}` } },
  };
}

export interface RunOptions {
  /** What templates read as `trigger` (the trigger payload when absent). */
  trigger?: Record<string, unknown>;
  /** Simulated time the run stays `in_progress` before its steps run (`--async`). */
  asyncMs?: number;
  /** Kept on a waiting run: how deep in a chain of event-started runs it is. */
  depth?: number;
}

/** The workflow's trigger: null when it starts through the API. */
export function workflowTrigger(workflow: ResourceRecord): WorkflowTrigger | null {
  return (workflow.internal?.trigger as WorkflowTrigger | null | undefined) ?? null;
}

/** The workflow `POST /workflows/{id}/trigger` starts; a workflow started by an event refuses. */
export function apiTriggeredWorkflow(org: Org, workflowId: string): ResourceRecord {
  const workflow = org.collection('workflows').get(workflowId);
  if (!workflow) throw notFound('workflow', workflowId);
  const trigger = workflowTrigger(workflow);
  if (trigger) {
    throw conflict(
      `workflow ${workflowId} starts on the event ${trigger.event}, not through the API`,
    );
  }
  return workflow;
}

/**
 * Starts a run of a workflow; the mock runs it to the end at once, or in
 * async mode leaves it `in_progress` until `finishRun` when its time comes.
 */
export function startRun(
  org: Org,
  now: string,
  workflow: ResourceRecord,
  payload: Record<string, unknown>,
  options: RunOptions = {},
): ResourceRecord {
  const steps = workflow.internal?.steps as WorkflowStep[];
  const barred = planLimits[org.data.plan] ?? [];
  const blocked = [...allSteps(steps)].find((s) => barred.includes(s.type));
  if (blocked) {
    throw forbidden(
      `The ${blocked.type === 'find-or-create-account' ? 'Find or Create Account' : blocked.type} step is not available on the ${org.data.plan} plan; workflow ${workflow.id} cannot run`,
    );
  }
  const runId = org.newId('wfr');
  const context = { trigger: options.trigger ?? payload, runId };
  if (options.asyncMs === undefined || options.asyncMs <= 0) {
    return saveRun(org, now, workflow.id, payload, runId, runSteps(org, now, steps, context));
  }
  const run: ResourceRecord = {
    type: 'workflow-run',
    id: runId,
    attributes: {
      status: 'in_progress',
      'created-at': now,
      'completed-at': null,
    },
    relationships: runRelationships(workflow.id),
    internal: {
      triggerPayload: payload,
      steps: [],
      objects: [],
      finishAt: new Date(Date.parse(now) + options.asyncMs).toISOString(),
      plan: steps,
      context,
      depth: options.depth ?? 1,
    },
  };
  org.collection('workflow-runs').insert(run);
  recordEvent(org, now, 'workflow-run.created', run);
  return run;
}

/** Runs the steps of a waiting run, now that its time has come; a finished run is left as it is. */
export function finishRun(org: Org, now: string, runId: string): ResourceRecord | undefined {
  const run = org.collection('workflow-runs').get(runId);
  if (run?.attributes.status !== 'in_progress') return run;
  const internal = run.internal ?? {};
  const result = runSteps(
    org,
    now,
    internal.plan as WorkflowStep[],
    internal.context as Record<string, unknown>,
  );
  org.collection('workflow-runs').update(runId, (r) => {
    r.attributes.status = result.status;
    r.attributes['completed-at'] = now;
    r.internal = {
      triggerPayload: internal.triggerPayload,
      steps: result.steps,
      objects: result.objects,
      depth: internal.depth,
    };
  });
  // Persona sends no event when a run finishes: the run is read, not announced.
  return run;
}
