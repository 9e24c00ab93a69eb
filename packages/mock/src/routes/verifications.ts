import type { RouteInput, RouteTable } from '../http/route.js';
import { redactVerification } from '../services/redaction.js';
import {
  getVerificationOfKind,
  typedRetrieveOperation,
  typedVerificationKinds,
} from '../services/verifications/typed-retrieves.js';
import { getVerification } from '../services/verifications/verifications.js';
import { printed } from './print.js';
import { now, one } from './support.js';

const id = (input: RouteInput) => input.params['verification-id']!;

/** One retrieve per kind, each answering only verifications of its kind. */
const typedRetrieves: RouteTable = Object.fromEntries(
  typedVerificationKinds.map((kind) => [
    typedRetrieveOperation(kind),
    (input: RouteInput) => one(getVerificationOfKind(input.org, id(input), kind)),
  ]),
);

export const verificationRoutes: RouteTable = {
  retrieveVerification: (input) => one(getVerification(input.org, id(input))),
  redactVerification: (input) => one(redactVerification(input.org, now(input), id(input))),
  printVerification: (input) => printed(input, getVerification(input.org, id(input))),
  ...typedRetrieves,
};
