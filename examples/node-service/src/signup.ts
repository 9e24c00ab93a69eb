import type { PersonaClient } from '@persona-kit/client';
import { expectData } from '@persona-kit/client';

/** What the signup form sends. */
export interface Signup {
  /** The user's id in this service: the Persona account's reference id. */
  userId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface SignupRules {
  inquiryTemplateId: string;
  caseTemplateId: string;
  caseQueueId?: string;
  /** Signups from these countries (alpha-2) get a manual review case. */
  reviewCountries: readonly string[];
}

export interface SignupResult {
  accountId: string;
  /** False when the user already had an account (a repeated signup). */
  accountCreated: boolean;
  inquiryId: string;
  /** The review case, when the rules asked for one. */
  caseId: string | null;
}

/** The rule: which signups a person looks at before the user may go on. */
export function reviewReason(signup: Signup, rules: SignupRules): string | null {
  return rules.reviewCountries.includes(signup.country)
    ? `Signup from ${signup.country}, which is on the review list`
    : null;
}

/**
 * Finds or creates the user's account, starts a verification inquiry on it,
 * and opens a review case when the rules say so.
 */
export async function signUp(
  persona: PersonaClient,
  signup: Signup,
  rules: SignupRules,
): Promise<SignupResult> {
  // Persona keeps one account per reference id: a known one answers 200 with that account.
  const created = await persona.POST('/accounts', {
    body: {
      data: {
        attributes: {
          'reference-id': signup.userId,
          'country-code': signup.country,
          ...(signup.email ? { 'email-address': signup.email } : {}),
          ...(signup.firstName ? { 'name-first': signup.firstName } : {}),
          ...(signup.lastName ? { 'name-last': signup.lastName } : {}),
        },
      },
    },
  });
  const account = (await expectData(Promise.resolve(created))).data;

  // The inquiry finds the same account through its reference id.
  const inquiry = (
    await expectData(
      persona.POST('/inquiries', {
        body: {
          data: { attributes: { 'inquiry-template-id': rules.inquiryTemplateId } },
          meta: {
            'auto-create-account': true,
            'auto-create-account-reference-id': signup.userId,
          },
        },
      }),
    )
  ).data;

  const reason = reviewReason(signup, rules);
  let caseId: string | null = null;
  if (reason) {
    const opened = await expectData(
      persona.POST('/cases', {
        body: {
          data: {
            attributes: {
              'case-template-id': rules.caseTemplateId,
              ...(rules.caseQueueId ? { 'case-queue-id': rules.caseQueueId } : {}),
              fields: { reason },
            },
          },
          meta: { 'object-ids': [account.id, inquiry.id] },
        },
      }),
    );
    caseId = opened.data.id;
  }

  return {
    accountId: account.id,
    accountCreated: created.response.status === 201,
    inquiryId: inquiry.id,
    caseId,
  };
}

/** Checks a request body; answers the problem, or the signup. */
export function parseSignup(body: unknown): Signup | string {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const { userId, email, firstName, lastName, country } = body as Record<string, unknown>;
  if (typeof userId !== 'string' || userId.trim() === '')
    return 'userId must be a non-empty string';
  if (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country)) {
    return 'country must be a two-letter ISO 3166-1 code';
  }
  for (const [name, value] of Object.entries({ email, firstName, lastName })) {
    if (value !== undefined && typeof value !== 'string') return `${name} must be a string`;
  }
  return {
    userId: userId.trim(),
    country: country.toUpperCase(),
    ...(email ? { email: email as string } : {}),
    ...(firstName ? { firstName: firstName as string } : {}),
    ...(lastName ? { lastName: lastName as string } : {}),
  };
}
