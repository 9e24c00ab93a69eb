import type { Plan } from './types.js';

/** A value that may mix literal text with workflow values: `user-{{trigger.user-id}}`. */
export type Template = string;

export interface SeedField {
  key: string;
  type:
    | 'string'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'hash'
    | 'array'
    | 'file'
    | 'choices';
  label?: string;
  required?: boolean;
}

export interface SeedActionParameter {
  key: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  required?: boolean;
  allowedValues?: (string | number | boolean)[];
}

/** Steps shared by workflows and account actions: one engine runs both. */
export type WorkflowStep =
  | {
      key: string;
      type: 'find-or-create-account';
      accountTypeId: string;
      identifierType: 'reference-id';
      /** Literal text and workflow values, several in one value if need be. */
      identifierValue: Template;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'create-case';
      caseTemplateId: string;
      caseQueueId?: string;
      fields?: Record<string, Template>;
      /** Keys of earlier steps whose objects the case gets (default: every earlier step). */
      attach?: string[];
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'tag-object';
      objectId: Template;
      tag: Template;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'set-account-status';
      accountId: Template;
      status: Template;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'run-account-action';
      accountId: Template;
      accountActionId: string;
      parameters?: Record<string, Template>;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'attach-inquiry';
      inquiryId: Template;
      accountId: Template;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'decide-inquiry';
      inquiryId: Template;
      decision: 'approved' | 'declined';
      comment?: Template;
      continueOnError?: boolean;
    }
  | {
      key: string;
      type: 'branch';
      if: Condition;
      do: WorkflowStep[];
      else?: WorkflowStep[];
      continueOnError?: boolean;
    };

/**
 * What a branch tests: one workflow value and exactly one operator. A value
 * the run lacks is absent: it equals nothing and does not exist.
 */
export interface Condition {
  value: Template;
  equals?: string | number | boolean;
  notEquals?: string | number | boolean;
  in?: (string | number | boolean)[];
  /** The value is a non-empty list and every item equals this. */
  every?: string | number | boolean;
  exists?: boolean;
}

/**
 * What starts a workflow: `POST /workflows/{id}/trigger` when absent, else an
 * event by name, optionally only when the event's object matches `filter`
 * (its id, an attribute, or a relationship's id, by API name).
 */
export interface WorkflowTrigger {
  event: string;
  filter?: Record<string, string | number | boolean | (string | number | boolean)[]>;
}

export interface SeedAccountAction {
  id: string;
  name: string;
  parameters?: SeedActionParameter[];
  /** Account statuses the action may start from; any when absent. */
  fromStatuses?: string[];
  /** Run against the account: `{{account.id}}` and `{{parameters.x}}` are at hand. */
  steps: WorkflowStep[];
}

export interface SeedAccountType {
  id: string;
  name: string;
  /** The type accounts get when a request names none (one type is the default). */
  default?: boolean;
  fields?: SeedField[];
  actions?: SeedAccountAction[];
}

export interface SeedCaseTemplate {
  id: string;
  name: string;
  statuses: string[];
  resolutions?: string[];
  fields?: SeedField[];
}

export interface SeedWorkflow {
  id: string;
  name: string;
  trigger?: WorkflowTrigger;
  steps: WorkflowStep[];
}

export interface SeedInquiryTemplate {
  id: string;
  name: string;
  /** How long an inquiry has to be completed before it expires; null never expires (default 24 h). */
  expiresInSeconds?: number | null;
  /** The verification templates the flow runs, in order. */
  verificationTemplateIds?: string[];
}

export interface SeedAccount {
  id?: string;
  accountTypeId?: string;
  referenceId?: string;
  attributes?: Record<string, unknown>;
  fields?: Record<string, unknown>;
  tags?: string[];
}

/** A verification template: which kind of verification it runs (`verification/government-id`). */
export interface SeedVerificationTemplate {
  id: string;
  name: string;
  verificationType: 'verification/government-id' | 'verification/selfie' | 'verification/database';
}

/** What a new organization starts with. Ids are fixed so tests and examples can name them. */
export interface SeedContent {
  plan: Plan;
  accountTypes: SeedAccountType[];
  inquiryTemplates: SeedInquiryTemplate[];
  verificationTemplates: SeedVerificationTemplate[];
  /** `recurrenceDays`: the template monitors continuously, running its reports again that often. */
  reportTemplates: {
    id: string;
    name: string;
    reportType: string;
    recurrenceDays?: number | null;
  }[];
  caseTemplates: SeedCaseTemplate[];
  caseQueues: { id: string; name: string }[];
  workflows: SeedWorkflow[];
  accounts: SeedAccount[];
  /** Lists, for the kinds Persona's API cannot create (device fingerprints, fields, strings). */
  lists?: SeedList[];
}

/** A list of one kind, by the kind's path segment (`strings`). */
export interface SeedList {
  id: string;
  name: string;
  kind: string;
}
