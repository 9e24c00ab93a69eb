import { ApiError } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { WorkflowTrigger } from '../core/seed-types.js';
import { storedRecord } from '../core/stored-record.js';
import type { ResourceRecord } from '../core/types.js';
import { triggerMatches, triggerView } from './workflow-trigger-view.js';
import { apiTriggeredWorkflow, finishRun, startRun } from './workflows.js';

/**
 * How deep a chain of runs may go: a run started by an event that a run
 * started by an event … recorded. Deeper runs are not started, so two
 * workflows that start each other stop instead of running forever.
 */
export const MAX_WORKFLOW_DEPTH = 5;

interface Queued {
  org: Org;
  workflow: ResourceRecord;
  event: ResourceRecord;
  depth: number;
}

export interface WorkflowEngineOptions {
  /** Simulated time a run stays `in_progress` before its steps run; instant when absent. */
  asyncMs?: number;
}

/**
 * Starts the workflows that events trigger. As a bus subscriber it only
 * queues (it runs inside the change that recorded the event); `drain` runs
 * what is queued, after the change: the request pipeline calls it before
 * answering, so a client reads the runs' effects as soon as it has its answer.
 */
export class WorkflowEngine {
  readonly #queue: Queued[] = [];
  /** Depth of the run whose steps are running; 0 outside any run. */
  #depth = 0;
  #draining = false;

  constructor(private readonly options: WorkflowEngineOptions = {}) {}

  /** The bus subscriber. An organization without workflows pays one property read. */
  readonly onEvent = (org: Org, event: ResourceRecord): void => {
    const stored = org.data.collections.workflows;
    if (!stored) return;
    for (const id of stored.keys()) {
      const workflow = storedRecord(stored, id)!;
      const trigger = workflow.internal?.trigger as WorkflowTrigger | null | undefined;
      if (trigger && triggerMatches(trigger, event))
        this.#queue.push({ org, workflow, event, depth: this.#depth + 1 });
    }
  };

  /**
   * Starts every queued run, and the runs their events start, up to the depth
   * bound; answers how many started. A workflow the plan bars is left out.
   */
  drain(): number {
    if (this.#draining) return 0;
    this.#draining = true;
    let started = 0;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        if (next.depth > MAX_WORKFLOW_DEPTH) continue;
        const { org, workflow, event } = next;
        const object = (event.attributes.payload as { data: ResourceRecord }).data;
        const payload = {
          'event-id': event.id,
          'event-name': event.attributes.name,
          'object-type': object.type,
          'object-id': object.id,
        };
        try {
          this.#within(next.depth, () =>
            startRun(org, event.attributes['created-at'] as string, workflow, payload, {
              trigger: triggerView(org, event),
              ...this.#async(next.depth),
            }),
          );
          started++;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      }
    } finally {
      this.#draining = false;
    }
    return started;
  }

  /** `POST /workflows/{id}/trigger`: a run at the head of its chain. */
  trigger(
    org: Org,
    now: string,
    workflowId: string,
    payload: Record<string, unknown>,
  ): ResourceRecord {
    return this.#within(1, () =>
      startRun(org, now, apiTriggeredWorkflow(org, workflowId), payload, this.#async(1)),
    );
  }

  /** Runs the steps of a run that waited (async mode), at its depth in its chain. */
  finish(org: Org, at: string, runId: string): void {
    const depth = org.collection('workflow-runs').get(runId)?.internal?.depth;
    this.#within(typeof depth === 'number' ? depth : 1, () => finishRun(org, at, runId));
  }

  #async(depth: number): { asyncMs?: number; depth: number } {
    return this.options.asyncMs ? { asyncMs: this.options.asyncMs, depth } : { depth };
  }

  #within<T>(depth: number, run: () => T): T {
    const outer = this.#depth;
    this.#depth = depth;
    try {
      return run();
    } finally {
      this.#depth = outer;
    }
  }
}
