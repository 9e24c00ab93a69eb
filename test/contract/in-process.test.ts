// The scenario suite against the mock in this process: msw handlers called
// through fetch, no server. Every operation of the spec is exercised.

import { coverageLines, runSuite } from '@persona-kit/contract';
import { handlersFetch } from '@persona-kit/contract/msw';
import { createPersonaMock, eventNames } from '@persona-kit/mock';
import { describe, expect, it } from 'vitest';
import { failures, neverExercised } from './support.js';

describe('contract suite against the in-process mock', () => {
  it('passes, with every answer valid and every operation exercised', async () => {
    const mock = createPersonaMock();
    // Every event the run records, from the bus (the bounded log may forget some).
    const recorded = new Set<string>();
    mock.core.events.subscribe((_org, event) => recorded.add(event.attributes.name as string));
    const result = await runSuite({
      baseUrl: 'https://api.withpersona.com/api/v1',
      apiKey: 'contract-in-process',
      fetch: handlersFetch(mock.handlers),
    });
    console.info(coverageLines(result.coverage)[0]);
    expect(failures(result)).toBe('');
    expect(result.violations).toEqual([]);
    expect(result.counts.skipped).toBe(0);
    expect(neverExercised(result)).toEqual([]);
    expect(result.coverage.exercisedOperations).toBe(result.coverage.totalOperations);
    expect(result.ok).toBe(true);
    // Only names the mock declares, which its own test holds to Persona's.
    expect(recorded.size).toBeGreaterThan(10);
    const declared = new Set<string>(eventNames);
    expect([...recorded].filter((name) => !declared.has(name))).toEqual([]);
  });
});
