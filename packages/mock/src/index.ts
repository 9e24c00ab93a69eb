export { defaultSeed, fixedId, seedIds } from './core/default-seed.js';
export { parseSeed, type SeedFile } from './core/seed.js';
export type { SeedContent, WorkflowStep } from './core/seed-types.js';
export type { MockData } from './core/store.js';
export { createPersonaMock, type PersonaMock, type PersonaMockOptions } from './create-mock.js';
export { ADMIN_TOKEN_HEADER } from './http/admin-access.js';
export type { FaultOptions } from './http/faults.js';
export { type EventName, eventNames } from './services/event-names.js';
