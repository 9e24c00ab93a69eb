// How every scenario file declares its scenarios, so a scenario's shape is
// written once.
import type { Scenario, Step } from '../types.js';

/** What `--only` selects a scenario by, and whether its steps stand alone. */
export type ScenarioOptions = Pick<Scenario, 'tags' | 'independent'>;

/** A scenario of ordered steps, named as the report shows it. */
export function scenario(name: string, options: ScenarioOptions, steps: Step[]): Scenario {
  return { name, ...options, steps };
}
