import { expect } from 'vitest';
import { WebhookVerificationError } from '../webhooks.js';

/** The reason a webhook check failed with; fails the test when it did not fail that way. */
export async function verificationReason(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).reason;
}
