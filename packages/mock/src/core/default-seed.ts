import type { SeedAccountAction, SeedContent, SeedWorkflow } from './seed-types.js';

/** `prefix_` + name padded with zeros to 24 characters: fixed ids that read as what they are. */
export const fixedId = (prefix: string, name: string) => `${prefix}_${name.padEnd(24, '0')}`;

/** The fixed ids of the default seed, for tests, examples and the README. */
export const seedIds = {
  accountTypes: { user: fixedId('acttp', 'User'), business: fixedId('acttp', 'Business') },
  accountActions: {
    setStatus: fixedId('accac', 'SetStatus'),
    addTag: fixedId('accac', 'AddTag'),
    close: fixedId('accac', 'Close'),
    businessSetStatus: fixedId('accac', 'BusinessSetStatus'),
  },
  inquiryTemplates: {
    governmentId: fixedId('itmpl', 'GovernmentId'),
    selfie: fixedId('itmpl', 'Selfie'),
  },
  verificationTemplates: {
    governmentId: fixedId('vtmpl', 'GovernmentId'),
    selfie: fixedId('vtmpl', 'Selfie'),
    database: fixedId('vtmpl', 'Database'),
  },
  reportTemplates: {
    watchlist: fixedId('rptp', 'Watchlist'),
    monitoredWatchlist: fixedId('rptp', 'MonitoredWatchlist'),
    pep: fixedId('rptp', 'PoliticallyExposed'),
    adverseMedia: fixedId('rptp', 'AdverseMedia'),
    emailAddress: fixedId('rptp', 'EmailAddress'),
    phoneNumber: fixedId('rptp', 'PhoneNumber'),
  },
  caseTemplates: { review: fixedId('ctmpl', 'Review'), fraud: fixedId('ctmpl', 'Fraud') },
  caseQueues: {
    general: fixedId('cqueue', 'General'),
    escalations: fixedId('cqueue', 'Escalations'),
  },
  lists: {
    deviceFingerprints: fixedId('lst', 'DeviceFingerprints'),
    fields: fixedId('lst', 'Fields'),
    strings: fixedId('lst', 'Strings'),
  },
  workflows: {
    signupReview: fixedId('wfl', 'SignupReview'),
    tagAccount: fixedId('wfl', 'TagAccount'),
    inquiryCompleted: fixedId('wfl', 'InquiryCompleted'),
  },
} as const;

const accountStatuses = ['active', 'activated', 'suspended', 'closed'];

/** An account action that sets the status its one parameter names. */
const setStatusAction = (id: string, name: string): SeedAccountAction => ({
  id,
  name,
  parameters: [{ key: 'status', type: 'string', required: true, allowedValues: accountStatuses }],
  steps: [
    {
      key: 'set_status',
      type: 'set-account-status',
      accountId: '{{account.id}}',
      status: '{{parameters.status}}',
    },
  ],
});

export function defaultSeed(): SeedContent {
  const ids = seedIds;
  return {
    plan: 'growth',
    accountTypes: [
      {
        id: ids.accountTypes.user,
        name: 'User',
        default: true,
        fields: [
          { key: 'name', type: 'hash', label: 'Name' },
          { key: 'birthdate', type: 'date', label: 'Birthdate' },
          { key: 'address', type: 'hash', label: 'Address' },
          { key: 'identification_numbers', type: 'array', label: 'Identification numbers' },
          { key: 'phone_number', type: 'string', label: 'Phone number' },
          { key: 'email_address', type: 'string', label: 'Email address' },
          { key: 'selfie_photo', type: 'file', label: 'Selfie photo' },
          { key: 'risk_level', type: 'string', label: 'Risk level' },
        ],
        actions: [
          setStatusAction(ids.accountActions.setStatus, 'Set status'),
          {
            id: ids.accountActions.addTag,
            name: 'Add tag',
            parameters: [{ key: 'tag', type: 'string', required: true }],
            steps: [
              {
                key: 'tag',
                type: 'tag-object',
                objectId: '{{account.id}}',
                tag: '{{parameters.tag}}',
              },
            ],
          },
          {
            id: ids.accountActions.close,
            name: 'Close account',
            fromStatuses: ['active', 'activated', 'suspended'],
            steps: [
              {
                key: 'close',
                type: 'set-account-status',
                accountId: '{{account.id}}',
                status: 'closed',
              },
              { key: 'tag', type: 'tag-object', objectId: '{{account.id}}', tag: 'closed' },
            ],
          },
        ],
      },
      {
        id: ids.accountTypes.business,
        name: 'Business',
        fields: [
          { key: 'business_name', type: 'string', label: 'Business name' },
          { key: 'tax_identification_number', type: 'string', label: 'Tax identification number' },
          { key: 'incorporation_country', type: 'string', label: 'Country of incorporation' },
          { key: 'website', type: 'string', label: 'Website' },
        ],
        actions: [setStatusAction(ids.accountActions.businessSetStatus, 'Set business status')],
      },
    ],
    inquiryTemplates: [
      {
        id: ids.inquiryTemplates.governmentId,
        name: 'Government ID',
        verificationTemplateIds: [ids.verificationTemplates.governmentId],
      },
      {
        id: ids.inquiryTemplates.selfie,
        name: 'Government ID and Selfie',
        verificationTemplateIds: [
          ids.verificationTemplates.governmentId,
          ids.verificationTemplates.selfie,
        ],
      },
    ],
    verificationTemplates: [
      {
        id: ids.verificationTemplates.governmentId,
        name: 'Government ID',
        verificationType: 'verification/government-id',
      },
      {
        id: ids.verificationTemplates.selfie,
        name: 'Selfie',
        verificationType: 'verification/selfie',
      },
      {
        id: ids.verificationTemplates.database,
        name: 'Database',
        verificationType: 'verification/database',
      },
    ],
    reportTemplates: [
      { id: ids.reportTemplates.watchlist, name: 'Watchlist', reportType: 'report/watchlist' },
      {
        id: ids.reportTemplates.monitoredWatchlist,
        name: 'Watchlist, monitored monthly',
        reportType: 'report/watchlist',
        recurrenceDays: 30,
      },
      {
        id: ids.reportTemplates.pep,
        name: 'Politically exposed person',
        reportType: 'report/politically-exposed-person',
      },
      {
        id: ids.reportTemplates.adverseMedia,
        name: 'Adverse media',
        reportType: 'report/adverse-media',
      },
      {
        id: ids.reportTemplates.emailAddress,
        name: 'Email address risk',
        reportType: 'report/email-address',
      },
      {
        id: ids.reportTemplates.phoneNumber,
        name: 'Phone number risk',
        reportType: 'report/phone-number',
      },
    ],
    caseTemplates: [
      {
        id: ids.caseTemplates.review,
        name: 'Manual review',
        statuses: ['open', 'pending', 'approved', 'declined'],
        resolutions: ['approved', 'declined'],
        fields: [
          { key: 'reason', type: 'string', label: 'Reason', required: false },
          { key: 'priority', type: 'string', label: 'Priority', required: false },
        ],
      },
      {
        id: ids.caseTemplates.fraud,
        name: 'Fraud investigation',
        statuses: ['open', 'investigating', 'escalated', 'confirmed-fraud', 'cleared'],
        resolutions: ['confirmed-fraud', 'cleared'],
        fields: [
          { key: 'summary', type: 'string', label: 'Summary', required: true },
          { key: 'amount', type: 'number', label: 'Amount at risk', required: false },
        ],
      },
    ],
    caseQueues: [
      { id: ids.caseQueues.general, name: 'General review' },
      { id: ids.caseQueues.escalations, name: 'Escalations' },
    ],
    workflows: [
      {
        id: ids.workflows.signupReview,
        name: 'Signup review',
        steps: [
          {
            key: 'find_account',
            type: 'find-or-create-account',
            accountTypeId: ids.accountTypes.user,
            identifierType: 'reference-id',
            identifierValue: 'user-{{trigger.user-id}}',
          },
          {
            key: 'open_case',
            type: 'create-case',
            caseTemplateId: ids.caseTemplates.review,
            caseQueueId: ids.caseQueues.general,
            fields: {
              reason: 'Signup review for {{trigger.user-id}}',
              priority: '{{trigger.priority}}',
            },
            attach: ['find_account'],
          },
        ],
      },
      {
        id: ids.workflows.tagAccount,
        name: 'Tag account',
        steps: [
          {
            key: 'find_account',
            type: 'find-or-create-account',
            accountTypeId: ids.accountTypes.user,
            identifierType: 'reference-id',
            identifierValue: '{{trigger.reference-id}}',
          },
          {
            key: 'tag',
            type: 'tag-object',
            objectId: '{{steps.find_account.account-id}}',
            tag: '{{trigger.tag}}',
          },
        ],
      },
      inquiryCompletedWorkflow(),
    ],
    accounts: [],
    // Persona makes lists of these kinds only in its dashboard; its API adds items to them.
    lists: [
      { id: ids.lists.deviceFingerprints, name: 'Blocked devices', kind: 'device-fingerprints' },
      { id: ids.lists.fields, name: 'Blocked promo codes', kind: 'fields' },
      { id: ids.lists.strings, name: 'Blocked strings', kind: 'strings' },
    ],
  };
}

/**
 * Runs when any inquiry completes: its account is found (or made) by the
 * inquiry's reference id and the inquiry attached to it; the inquiry is
 * approved when every one of its verifications passed, else a Manual review
 * case holds the inquiry and the account.
 */
function inquiryCompletedWorkflow(): SeedWorkflow {
  const ids = seedIds;
  return {
    id: ids.workflows.inquiryCompleted,
    name: 'Inquiry completed',
    trigger: { event: 'inquiry.completed' },
    steps: [
      {
        key: 'find_account',
        type: 'find-or-create-account',
        accountTypeId: ids.accountTypes.user,
        identifierType: 'reference-id',
        identifierValue: '{{trigger.inquiry.reference-id}}',
      },
      {
        key: 'attach_inquiry',
        type: 'attach-inquiry',
        inquiryId: '{{trigger.inquiry.id}}',
        accountId: '{{steps.find_account.account-id}}',
      },
      {
        key: 'verifications_passed',
        type: 'branch',
        if: { value: '{{trigger.inquiry.verifications.status}}', every: 'passed' },
        do: [
          {
            key: 'approve',
            type: 'decide-inquiry',
            inquiryId: '{{trigger.inquiry.id}}',
            decision: 'approved',
          },
        ],
        else: [
          {
            key: 'review',
            type: 'create-case',
            caseTemplateId: ids.caseTemplates.review,
            caseQueueId: ids.caseQueues.general,
            fields: {
              reason: 'Inquiry {{trigger.inquiry.id}} has verifications that did not pass',
            },
            attach: ['attach_inquiry'],
          },
        ],
      },
    ],
  };
}
