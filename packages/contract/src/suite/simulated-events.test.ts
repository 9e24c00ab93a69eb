// The scenario against persona-kit's mock seen as any other server: the events
// are checked, the local delivery is skipped with its reason.
import { seedIds } from '@persona-kit/mock';
import { startMockServer } from '@persona-kit/mock/node';
import { expect, it } from 'vitest';
import { runSuite } from './runner.js';
import { simulatedEvents } from './scenarios/simulated-events.js';

it('checks the events anywhere, and the delivery only on persona-kit mock', async () => {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  try {
    const fixtures = {
      inquiryTemplateId: seedIds.inquiryTemplates.governmentId,
      verificationTemplateId: seedIds.verificationTemplates.governmentId,
    };
    const run = (personaKitMock: boolean) =>
      runSuite({
        baseUrl: mock.baseUrl,
        apiKey: 'key-simulated-events',
        discover: false,
        fixtures: personaKitMock ? { ...fixtures, personaKitMock } : fixtures,
        scenarios: [simulatedEvents],
      });
    const elsewhere = await run(false);
    expect(elsewhere.scenarios[0]!.steps.map((s) => [s.outcome, s.reason])).toEqual([
      ['passed', undefined],
      ['skipped', expect.stringContaining('needs personaKitMock: a receiver on 127.0.0.1')],
    ]);
    const onMock = await run(true);
    expect(onMock.scenarios[0]!.steps.map((s) => s.outcome)).toEqual(['passed', 'passed']);
    expect(onMock.ok).toBe(true);
  } finally {
    await mock.close();
  }
});
