export { createPersonaMock, type PersonaMock, type PersonaMockOptions } from './create-mock.js';
export { seedIds, defaultSeed, fixedId } from './core/default-seed.js';
export type { SeedContent, WorkflowStep } from './core/seed-types.js';
export { parseSeed, type SeedFile } from './core/seed.js';
export type { MockData } from './core/store.js';
export type { FaultOptions } from './http/faults.js';
