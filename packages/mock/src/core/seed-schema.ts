/** JSON Schema of a seed file (`--seed`, `POST /__mock/seed`, `createPersonaMock({ seed })`). */
import { eventNames } from '../services/event-names.js';
import { listKinds } from '../services/lists/kinds.js';

const id = (prefix: string) => ({ type: 'string', pattern: `^${prefix}_[a-zA-Z0-9]{24,28}$` });
const str = { type: 'string', minLength: 1 };
const fieldType = {
  enum: [
    'string',
    'integer',
    'number',
    'boolean',
    'date',
    'datetime',
    'hash',
    'array',
    'file',
    'choices',
  ],
};
const field = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'type'],
  properties: { key: str, type: fieldType, label: str, required: { type: 'boolean' } },
};
const common = { key: str, continueOnError: { type: 'boolean' } };
const templates = { type: 'object', additionalProperties: { type: 'string' } };
const scalar = { type: ['string', 'number', 'boolean'] };
/** Steps nest (a branch holds steps), so lists of steps refer to the definition below. */
const steps = { type: 'array', minItems: 1, items: { $ref: '#/$defs/step' } };
const condition = {
  type: 'object',
  additionalProperties: false,
  required: ['value'],
  minProperties: 2,
  maxProperties: 2,
  properties: {
    value: str,
    equals: scalar,
    notEquals: scalar,
    in: { type: 'array', minItems: 1, items: scalar },
    every: scalar,
    exists: { type: 'boolean' },
  },
};
const trigger = {
  type: 'object',
  additionalProperties: false,
  required: ['event'],
  properties: {
    // Only an event the mock records can start a run.
    event: { enum: [...eventNames] },
    filter: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { anyOf: [scalar, { type: 'array', minItems: 1, items: scalar }] },
    },
  },
};
/** One kind of workflow step: its `type`, the properties it needs, and all it may have. */
const stepOf = (type: string, required: string[], properties: Record<string, unknown>) => ({
  additionalProperties: false,
  required,
  properties: { ...common, type: { const: type }, ...properties },
});
const step = {
  type: 'object',
  required: ['key', 'type'],
  oneOf: [
    stepOf('find-or-create-account', ['accountTypeId', 'identifierType', 'identifierValue'], {
      accountTypeId: id('acttp'),
      identifierType: { const: 'reference-id' },
      identifierValue: str,
    }),
    stepOf('create-case', ['caseTemplateId'], {
      caseTemplateId: id('ctmpl'),
      caseQueueId: id('cqueue'),
      fields: templates,
      attach: { type: 'array', items: str },
    }),
    stepOf('tag-object', ['objectId', 'tag'], { objectId: str, tag: str }),
    stepOf('set-account-status', ['accountId', 'status'], { accountId: str, status: str }),
    stepOf('run-account-action', ['accountId', 'accountActionId'], {
      accountId: str,
      accountActionId: id('accac'),
      parameters: templates,
    }),
    stepOf('attach-inquiry', ['inquiryId', 'accountId'], { inquiryId: str, accountId: str }),
    stepOf('decide-inquiry', ['inquiryId', 'decision'], {
      inquiryId: str,
      decision: { enum: ['approved', 'declined'] },
      comment: str,
    }),
    stepOf('branch', ['if', 'do'], { if: condition, do: steps, else: steps }),
  ],
};
const named = (prefix: string, extra: Record<string, unknown> = {}, required: string[] = []) => ({
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', ...required],
    properties: { id: id(prefix), name: str, ...extra },
  },
});

export const seedSchema = {
  type: 'object',
  additionalProperties: false,
  $defs: { step },
  properties: {
    extends: { enum: ['default', 'none'] },
    plan: { enum: ['startup', 'essential', 'growth', 'enterprise'] },
    accountTypes: named('acttp', {
      default: { type: 'boolean' },
      fields: { type: 'array', items: field },
      actions: named(
        'accac',
        {
          parameters: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['key', 'type'],
              properties: {
                key: str,
                type: { enum: ['string', 'integer', 'number', 'boolean', 'date'] },
                required: { type: 'boolean' },
                allowedValues: {
                  type: 'array',
                  minItems: 1,
                  items: { type: ['string', 'number', 'boolean'] },
                },
              },
            },
          },
          fromStatuses: { type: 'array', items: str },
          steps,
        },
        ['steps'],
      ),
    }),
    inquiryTemplates: named('itmpl', {
      expiresInSeconds: { type: ['integer', 'null'], minimum: 60, maximum: 30 * 24 * 60 * 60 },
      verificationTemplateIds: { type: 'array', uniqueItems: true, items: id('vtmpl') },
    }),
    verificationTemplates: named(
      'vtmpl',
      {
        verificationType: {
          enum: ['verification/government-id', 'verification/selfie', 'verification/database'],
        },
      },
      ['verificationType'],
    ),
    reportTemplates: named(
      'rptp',
      {
        reportType: { type: 'string', pattern: '^report/[a-z-]+$' },
        recurrenceDays: { type: ['integer', 'null'], minimum: 1, maximum: 3650 },
      },
      ['reportType'],
    ),
    caseTemplates: named(
      'ctmpl',
      {
        statuses: { type: 'array', minItems: 1, uniqueItems: true, items: str },
        resolutions: { type: 'array', uniqueItems: true, items: str },
        fields: { type: 'array', items: field },
      },
      ['statuses'],
    ),
    caseQueues: named('cqueue'),
    lists: named('lst', { kind: { enum: listKinds.map((k) => k.plural) } }, ['kind']),
    workflows: named('wfl', { trigger, steps }, ['steps']),
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: id('act'),
          accountTypeId: id('acttp'),
          referenceId: str,
          attributes: { type: 'object' },
          fields: { type: 'object' },
          tags: { type: 'array', items: str },
        },
      },
    },
  },
} as const;
