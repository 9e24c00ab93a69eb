/** JSON:API linkage to another object. */
export interface Linkage {
  type: string;
  id: string;
}

export type Relationship = { data: Linkage | null } | { data: Linkage[] };

/**
 * Every stored object is kept in the shape it is answered in (kebab-case
 * attributes), so answering it costs a copy, not a translation.
 */
export interface ResourceRecord {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, Relationship>;
  /** What the mock keeps for itself (action steps, template kinds): never answered. */
  internal?: Record<string, unknown>;
}

export type Plan = 'startup' | 'essential' | 'growth' | 'enterprise';
export const plans: readonly Plan[] = ['startup', 'essential', 'growth', 'enterprise'];
