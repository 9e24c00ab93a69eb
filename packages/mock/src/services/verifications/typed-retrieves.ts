import { notFound } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { getVerification } from './verifications.js';

/**
 * The kinds Persona retrieves under a path of their own
 * (`/verification/<kind>s/{id}`), each with that operation's id. The mock
 * creates three of them; the others answer 404 like any unknown id.
 */
export const typedVerificationKinds = [
  'aamva',
  'database-ecbsv',
  'database-phone-carrier',
  'database-serpro',
  'database-standard',
  'database-tin',
  'database',
  'document',
  'email-address',
  'government-id',
  'government-id-nfc',
  'phone-number',
  'selfie',
] as const;

const pascal = (kind: string) =>
  kind.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

/** `government-id` → `retrieveGovernmentIdVerification`. */
export const typedRetrieveOperation = (kind: string) => `retrieve${pascal(kind)}Verification`;

/** The verification of that id if it is of the kind; another kind's id is not found, as in Persona. */
export function getVerificationOfKind(org: Org, id: string, kind: string): ResourceRecord {
  const verification = getVerification(org, id);
  if (verification.type !== `verification/${kind}`) throw notFound(`${kind} verification`, id);
  return verification;
}
