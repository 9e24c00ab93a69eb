import type { RouteTable } from '../http/route.js';
import { getVerification } from '../services/verifications/verifications.js';
import { one } from './support.js';

export const verificationRoutes: RouteTable = {
  retrieveVerification: (input) =>
    one(getVerification(input.org, input.params['verification-id']!)),
};
