import { type components, expectData, type PersonaClient } from '@persona-kit/client';

export type Account = components['schemas']['Account'];
export type Case = components['schemas']['Case'];
export type Inquiry = components['schemas']['Inquiry'];

export interface NewAccount {
  referenceId: string;
  nameFirst?: string;
  nameLast?: string;
  countryCode?: string;
}

/**
 * The account holder's name, from the account's typed `fields` (Persona
 * answers personal data there, not as top-level attributes).
 */
export function accountName(account: Account): string {
  const name = account.attributes.fields?.name as
    | { value?: Record<string, { value?: unknown } | undefined> | null }
    | undefined;
  return ['first', 'middle', 'last']
    .map((part) => name?.value?.[part]?.value)
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' ');
}

/** The ids this screen works with: the mock's default seed, or a sandbox's own. */
export interface PersonaIds {
  setStatusActionId: string;
  reviewCaseTemplateId: string;
  /** The inquiry template "Verify identity" starts (a government ID check in the mock's seed). */
  verifyInquiryTemplateId: string;
  /** The verification template the sandbox's simulate actions pass or fail. */
  verificationTemplateId: string;
}

/** What the screen asks of Persona, each call one typed request. */
export function personaApi(persona: PersonaClient, ids: PersonaIds) {
  return {
    /** Newest first; with a reference id, only that account (Persona keeps one per reference id). */
    async listAccounts(referenceId?: string): Promise<Account[]> {
      const filter = referenceId ? { 'reference-id': referenceId } : undefined;
      const page = await expectData(
        persona.GET('/accounts', {
          params: { query: { page: { size: 50 }, ...(filter ? { filter } : {}) } },
        }),
      );
      return page.data;
    },

    async getAccount(accountId: string): Promise<Account> {
      const { data } = await expectData(
        persona.GET('/accounts/{account-id}', { params: { path: { 'account-id': accountId } } }),
      );
      return data;
    },

    /** Find or create: a known reference id answers its existing account (200, not 201). */
    async createAccount(input: NewAccount): Promise<{ account: Account; created: boolean }> {
      const result = await persona.POST('/accounts', {
        body: {
          data: {
            attributes: {
              'reference-id': input.referenceId,
              ...(input.nameFirst ? { 'name-first': input.nameFirst } : {}),
              ...(input.nameLast ? { 'name-last': input.nameLast } : {}),
              ...(input.countryCode ? { 'country-code': input.countryCode } : {}),
            },
          },
        },
      });
      const { data } = await expectData(Promise.resolve(result));
      return { account: data, created: result.response.status === 201 };
    },

    /** Runs the Set status account action; Persona runs it as a workflow. */
    async setStatus(
      accountId: string,
      status: string,
    ): Promise<{ account: Account; workflowRunId: string }> {
      const { data, meta } = await expectData(
        persona.POST('/accounts/{account-id}/run-action', {
          params: { path: { 'account-id': accountId } },
          body: { data: { 'account-action-id': ids.setStatusActionId, parameters: { status } } },
        }),
      );
      return { account: data, workflowRunId: meta['workflow-run-id'] };
    },

    async openReviewCase(accountId: string, reason: string): Promise<Case> {
      const { data } = await expectData(
        persona.POST('/cases', {
          body: {
            data: {
              attributes: {
                'case-template-id': ids.reviewCaseTemplateId,
                ...(reason ? { fields: { reason } } : {}),
              },
            },
            meta: { 'object-ids': [accountId] },
          },
        }),
      );
      return data;
    },

    /**
     * A new inquiry for the account, found by its reference id (Persona attaches
     * the inquiry to the account that has it); the hosted flow sends the person
     * back to `redirectUri` when done.
     */
    async startVerification(account: Account, redirectUri?: string): Promise<Inquiry> {
      const referenceId = account.attributes['reference-id'];
      if (!referenceId) throw new Error(`account ${account.id} has no reference id to verify`);
      const { data } = await expectData(
        persona.POST('/inquiries', {
          body: {
            data: {
              attributes: {
                'inquiry-template-id': ids.verifyInquiryTemplateId,
                ...(redirectUri ? { 'redirect-uri': redirectUri } : {}),
              },
            },
            meta: { 'auto-create-account-reference-id': referenceId },
          },
        }),
      );
      return data;
    },

    /** A link to the inquiry's hosted flow, good for one visit. */
    async oneTimeLink(inquiryId: string): Promise<string> {
      const { meta } = await expectData(
        persona.POST('/inquiries/{inquiry-id}/generate-one-time-link', {
          params: { path: { 'inquiry-id': inquiryId } },
        }),
      );
      return meta['one-time-link'];
    },

    /**
     * Sandbox only: drives the inquiry as a person would through the flow (start,
     * one verification passed or failed, complete); the workflows take it from there.
     */
    async simulateVerification(inquiryId: string, outcome: 'passed' | 'failed'): Promise<Inquiry> {
      const { data } = await expectData(
        persona.POST('/inquiries/{inquiry-id}/perform-simulate-actions', {
          params: { path: { 'inquiry-id': inquiryId } },
          body: {
            meta: {
              'simulate-actions': [
                { type: 'start_inquiry' },
                {
                  type: `create_${outcome}_verification`,
                  data: { 'verification-template-id': ids.verificationTemplateId },
                },
                { type: 'complete_inquiry' },
              ],
            },
          },
        }),
      );
      return data;
    },

    /** The account's inquiries, newest first. */
    async inquiriesOf(accountId: string): Promise<Inquiry[]> {
      const page = await expectData(
        persona.GET('/inquiries', {
          params: { query: { page: { size: 20 }, filter: { 'account-id': accountId } } },
        }),
      );
      return page.data;
    },

    async casesOf(accountId: string): Promise<Case[]> {
      const page = await expectData(
        persona.GET('/cases', {
          params: { query: { page: { size: 50 }, filter: { 'account-id': accountId } } },
        }),
      );
      return page.data;
    },
  };
}

export type PersonaApi = ReturnType<typeof personaApi>;
