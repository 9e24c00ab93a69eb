// The shapes of the scenario suite: scenarios of ordered steps, what a step
// sees while it runs, and what a run reports.
import type { Violation } from '@persona-kit/spec';
import type { Api } from './api.js';
import type { Assert } from './assert.js';
import type { Fixtures } from './fixtures.js';
import type { Call, Json, Mode } from './values.js';

export type { Call, Json, Mode } from './values.js';

export interface StepContext {
  api: Api;
  mode: Mode;
  /** Checks of server state and behaviour; they pass silently in schema-only mode. */
  assert: Assert;
  /** Ids the scenarios need from the server's configuration (account types, templates…). */
  fixtures: Fixtures;
  /** Values the scenario's steps hand to each other. */
  state: Record<string, Json>;
  /** Unique to this run: put it in reference ids so runs never meet each other's data. */
  runId: string;
  /** The value of a fixture, or skips the step with the reason it is missing. */
  need<K extends keyof Fixtures>(name: K): NonNullable<Fixtures[K]>;
  /** Skips the rest of this step, with a reason the report shows. */
  skip(reason: string): never;
  /** Calls an admin route of persona-kit's mock (`plan`, `state`); skips the step on other servers. */
  mockAdmin(method: string, path: string, body?: unknown): Promise<Json>;
  /** Retries `check` while it throws, for a server that is eventually consistent (search). */
  eventually<T>(check: () => Promise<T>): Promise<T>;
}

export interface Step {
  name: string;
  /**
   * Why the step cannot run against a stateless server (its checks need state or
   * the server's own rules). Such steps are skipped in schema-only mode, with this reason.
   */
  stateful?: string;
  run(ctx: StepContext): Promise<void>;
}

export interface Scenario {
  name: string;
  /** For `--only`: a scenario runs when one of its tags is asked for. */
  tags: string[];
  /** The steps share no state: one failing does not skip the others. */
  independent?: boolean;
  steps: Step[];
}

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  name: string;
  outcome: Outcome;
  /** Why the step was skipped. */
  reason?: string;
  /** Why the step failed: a broken assertion, an unexpected status, an error. */
  error?: string;
  calls: Call[];
  violations: Violation[];
  durationMs: number;
}

export interface ScenarioResult {
  name: string;
  tags: string[];
  outcome: Outcome;
  reason?: string;
  steps: StepResult[];
  durationMs: number;
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  /** Statuses answered, documented or not, ascending. */
  exercised: number[];
  /** Documented statuses (`200`, `4XX`, `default`) no answer had. */
  notExercised: string[];
}

export interface Coverage {
  operations: OperationCoverage[];
  /** Operations answered at least once. */
  exercisedOperations: number;
  totalOperations: number;
  /** Documented (operation, status) pairs answered at least once. */
  exercisedStatuses: number;
  totalStatuses: number;
}

export interface SuiteResult {
  mode: Mode;
  baseUrl: string;
  runId: string;
  scenarios: ScenarioResult[];
  coverage: Coverage;
  /** Every violation of the run, in order. */
  violations: Violation[];
  counts: { passed: number; failed: number; skipped: number; calls: number };
  /** Additive drift failed the run too (asked for, or the server is persona-kit's mock). */
  strict: boolean;
  /** No failed step and no failing violation: none breaking, and none at all when strict. */
  ok: boolean;
  durationMs: number;
}
