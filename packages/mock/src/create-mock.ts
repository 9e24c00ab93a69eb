import { createHandlers } from './http/handlers.js';
import { createMockParts } from './mock-parts.js';
import type { PersonaMock, PersonaMockOptions } from './mock-types.js';

export type { PersonaMock, PersonaMockOptions } from './mock-types.js';

/** A stateful mock of Persona's API as msw handlers, over one core. */
export function createPersonaMock(options: PersonaMockOptions = {}): PersonaMock {
  const { mock, handlerOptions, deps } = createMockParts(options);
  return { ...mock, handlers: createHandlers(handlerOptions, deps).handlers };
}
