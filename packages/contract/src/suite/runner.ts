// Runs scenarios in order against one server: each step's calls are checked
// against the spec; a step fails on a broken assertion, an unexpected status or
// a violation; after a step throws, the rest of its scenario is skipped.
import type { Violation } from '@persona-kit/spec';
import { failing } from '../drift.js';
import type { FetchFunction } from '../validating-fetch.js';
import { createApi } from './api.js';
import { createAssert } from './assert.js';
import { computeCoverage } from './coverage.js';
import {
  discoverFromApi,
  discoverFromMock,
  type Fixtures,
  fixtureHints,
  mergeFixtures,
  placeholderFixtures,
} from './fixtures.js';
import { scenarios as allScenarios } from './scenarios/index.js';
import type {
  Call,
  Mode,
  Scenario,
  ScenarioResult,
  StepContext,
  StepResult,
  SuiteResult,
} from './types.js';

export interface RunOptions {
  /** The API's base URL: `http://127.0.0.1:4010/api/v1`, `https://api.withpersona.com/api/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Defaults to the global fetch; `handlersFetch(mock.handlers)` runs in process. */
  fetch?: FetchFunction;
  mode?: Mode;
  /** Run only scenarios with one of these tags. */
  only?: string[];
  /** Ids to use instead of discovering them. */
  fixtures?: Fixtures;
  /** Read fixtures from the API and persona-kit mock's admin route (default true). */
  discover?: boolean;
  /** The scenarios to run (default: the whole suite). */
  scenarios?: Scenario[];
  /** Unique text for this run's reference ids (default: random). */
  runId?: string;
  /** Called after each step, for live progress. */
  onStep?: (scenario: Scenario, step: StepResult) => void;
  /** Attempts of `eventually` checks against servers other than the mock (default 10, 1 s apart). */
  eventualAttempts?: number;
  /**
   * Additive drift (an attribute, relationship or enum value the spec does not know)
   * fails the run too, not only breaking drift. Always on against persona-kit's mock.
   */
  strict?: boolean;
}

class Skip extends Error {}

function randomRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 10; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tags scenarios can be selected by. */
export function scenarioTags(scenarios: Scenario[] = allScenarios): string[] {
  return [...new Set(scenarios.flatMap((s) => s.tags))].sort();
}

export async function runSuite(options: RunOptions): Promise<SuiteResult> {
  const started = performance.now();
  const mode = options.mode ?? 'stateful';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const runId = options.runId ?? randomRunId();
  const calls: Call[] = [];
  let current: Call[] = [];
  const api = createApi({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: fetchImpl,
    mode,
    record: (call) => {
      calls.push(call);
      current.push(call);
    },
  });

  const results: ScenarioResult[] = [];
  const discovering = options.discover !== false;
  let fixtures: Fixtures = options.fixtures ?? {};
  if (!discovering && mode === 'schema-only') {
    fixtures = mergeFixtures(options.fixtures, placeholderFixtures());
  }
  if (discovering) {
    const setupStarted = performance.now();
    current = [];
    const fromMock = await discoverFromMock(fetchImpl, options.baseUrl, options.apiKey);
    const fromApi = await discoverFromApi(api);
    fixtures = mergeFixtures(
      options.fixtures,
      fromApi,
      fromMock,
      mode === 'schema-only' ? placeholderFixtures() : null,
    );
    const step = finishStep(
      'read ids of the organization',
      current,
      setupStarted,
      options.strict === true || fixtures.personaKitMock === true,
    );
    const missing = (Object.keys(fixtureHints) as (keyof Fixtures)[]).filter(
      (k) => fixtures[k] === undefined && k !== 'personaKitMock',
    );
    if (missing.length > 0) step.reason = `not found: ${missing.join(', ')}`;
    results.push({
      name: 'fixtures',
      tags: ['fixtures'],
      outcome: step.outcome,
      steps: [step],
      durationMs: step.durationMs,
    });
  }

  // The mock is ours: anything it sends that the spec does not know is our defect.
  const strict = options.strict === true || fixtures.personaKitMock === true;
  const wanted = options.only?.length ? new Set(options.only) : null;
  const attempts = fixtures.personaKitMock ? 1 : (options.eventualAttempts ?? 10);
  for (const scenario of options.scenarios ?? allScenarios) {
    if (wanted && !scenario.tags.some((t) => wanted.has(t))) continue;
    const scenarioStarted = performance.now();
    const state = stepState();
    const steps: StepResult[] = [];
    let blocked: string | null = null;
    for (const step of scenario.steps) {
      const stepStarted = performance.now();
      current = [];
      if (blocked !== null || (mode === 'schema-only' && step.stateful)) {
        const result: StepResult = {
          name: step.name,
          outcome: 'skipped',
          reason: blocked ?? `schema-only: ${step.stateful}`,
          calls: [],
          violations: [],
          durationMs: 0,
        };
        steps.push(result);
        options.onStep?.(scenario, result);
        continue;
      }
      const context: StepContext = {
        api,
        mode,
        assert: createAssert(mode === 'stateful'),
        fixtures,
        state,
        runId,
        need(name) {
          const value = fixtures[name];
          if (value === undefined || value === null) {
            throw new Skip(`needs ${name}: ${fixtureHints[name]}`);
          }
          return value as NonNullable<Fixtures[typeof name]>;
        },
        skip(reason) {
          throw new Skip(reason);
        },
        async mockAdmin(method, path, body) {
          if (!fixtures.personaKitMock)
            throw new Skip(`needs personaKitMock: ${fixtureHints.personaKitMock}`);
          const response = await fetchImpl(
            new Request(`${new URL(options.baseUrl).origin}/__mock/${path}`, {
              method,
              headers: {
                Authorization: `Bearer ${options.apiKey}`,
                'Content-Type': 'application/json',
              },
              ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            }),
          );
          if (!response.ok)
            throw new Error(`${method} /__mock/${path} answered ${response.status}`);
          return response.json();
        },
        async eventually(check) {
          for (let attempt = 1; ; attempt++) {
            try {
              return await check();
            } catch (error) {
              if (error instanceof Skip || attempt >= attempts) throw error;
              await sleep(1000);
            }
          }
        },
      };
      let error: string | undefined;
      let reason: string | undefined;
      try {
        await step.run(context);
      } catch (thrown) {
        if (thrown instanceof Skip) reason = thrown.message;
        else error = thrown instanceof Error ? thrown.message : String(thrown);
      }
      const result = finishStep(step.name, current, stepStarted, strict, error, reason);
      steps.push(result);
      options.onStep?.(scenario, result);
      if (error !== undefined && !scenario.independent) {
        blocked = `skipped after the failed step "${step.name}"`;
      }
    }
    const outcome = steps.some((s) => s.outcome === 'failed')
      ? 'failed'
      : steps.every((s) => s.outcome === 'skipped')
        ? 'skipped'
        : 'passed';
    results.push({
      name: scenario.name,
      tags: scenario.tags,
      outcome,
      steps,
      durationMs: performance.now() - scenarioStarted,
    });
  }

  const allSteps = results.flatMap((r) => r.steps);
  const violations: Violation[] = calls.flatMap((c) => c.violations);
  const counts = {
    passed: allSteps.filter((s) => s.outcome === 'passed').length,
    failed: allSteps.filter((s) => s.outcome === 'failed').length,
    skipped: allSteps.filter((s) => s.outcome === 'skipped').length,
    calls: calls.length,
  };
  return {
    mode,
    baseUrl: api.baseUrl,
    runId,
    scenarios: results,
    coverage: computeCoverage(calls),
    violations,
    counts,
    strict,
    ok: counts.failed === 0 && failing(violations, strict).length === 0,
    durationMs: performance.now() - started,
  };
}

/**
 * The values steps hand to each other. Reading one that no step set skips the
 * reading step: the step that would have set it was skipped (a missing fixture).
 */
function stepState(): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) {
        throw new Skip(`needs "${key}" from an earlier step, which did not run`);
      }
      return Reflect.get(target, key);
    },
  });
}

function finishStep(
  name: string,
  calls: Call[],
  started: number,
  strict: boolean,
  error?: string,
  reason?: string,
): StepResult {
  const violations = calls.flatMap((c) => c.violations);
  const failed = error !== undefined || failing(violations, strict).length > 0;
  const result: StepResult = {
    name,
    outcome: failed ? 'failed' : reason !== undefined ? 'skipped' : 'passed',
    calls,
    violations,
    durationMs: performance.now() - started,
  };
  if (error !== undefined) result.error = error;
  if (reason !== undefined) result.reason = reason;
  return result;
}
