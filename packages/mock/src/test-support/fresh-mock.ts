import { beforeEach, expect } from 'vitest';
import { createPersonaMock, type PersonaMock } from '../create-mock.js';
import { type Answer, mockClient } from './test-client.js';

/**
 * A new in-process mock for each test of the file, and a spec-checking
 * client for it: `const { mock, call } = freshMock()` inside tests.
 */
export function freshMockPerTest() {
  let mock: PersonaMock;
  let client: ReturnType<typeof mockClient>;
  beforeEach(() => {
    mock = createPersonaMock();
    client = mockClient(mock);
  });
  return {
    mock: () => mock,
    call: (...args: Parameters<ReturnType<typeof mockClient>>) => client(...args),
  };
}

/** The answer, after checking that it keeps to the spec. */
export function valid(answer: Answer): Answer {
  expect(answer.violations).toEqual([]);
  return answer;
}
