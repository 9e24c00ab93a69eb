// validateWebhook: is this delivery's body the event document the spec's
// `webhooks:` section describes for its event name?
import {
  deinflectChecked,
  inflectKey,
  type KeyInflection,
  parseKeyInflection,
} from '../inflection.js';
import { getByPointer, joinPointer } from '../pointer.js';
import type { OperationObject, Violation, ViolationDraft, ViolationKind } from '../types.js';
import type { ValidationContext } from './context.js';
import { problems } from './messages.js';
import { kindOfLocation, severityOf } from './tiers.js';

export interface WebhookInput {
  /** The event name (`inquiry.approved`); default: the body's `data.attributes.name`. */
  name?: string;
  /** The parsed JSON body of the delivery. */
  body: unknown;
  /** The webhook's `api-key-inflection`: a camel or snake body is checked in that casing. */
  keyInflection?: KeyInflection | string | null;
}

interface WebhookPlan {
  operationId: string | null;
  schemaPointer: string;
}

/** The event name a delivery carries, when it has one. */
export function webhookEventName(body: unknown): string | undefined {
  const name = getByPointer(body, '/data/attributes/name');
  return typeof name === 'string' ? name : undefined;
}

export function validateWebhook(context: ValidationContext, input: WebhookInput): Violation[] {
  const inflection = parseKeyInflection(input.keyInflection);
  let body = input.body;
  const misnamed: ViolationDraft[] = [];
  if (inflection !== 'kebab') {
    const checked = deinflectChecked(body, inflection);
    for (const { pointer, key } of checked.misnamed) {
      misnamed.push({
        location: 'body',
        pointer,
        message: `${pointer} is sent as ${JSON.stringify(key)}, not in ${inflection} case`,
        expected: inflectKey(
          pointer.split('/').at(-1)!.replaceAll('~1', '/').replaceAll('~0', '~'),
          inflection,
        ),
        received: key,
      });
    }
    body = checked.value;
  }
  const name = input.name ?? webhookEventName(body);
  const plan = name === undefined ? null : planOf(context, name);
  const violations: Violation[] = [];
  const violation = ({ kind: given, ...v }: ViolationDraft) => {
    const kind: ViolationKind = given ?? kindOfLocation(v.location);
    violations.push({
      operationId: plan?.operationId ?? null,
      method: 'POST',
      path: `webhooks/${name ?? '(no name)'}`,
      status: null,
      ...v,
      kind,
      severity: severityOf(kind),
    });
  };
  if (name === undefined) {
    violation({
      location: 'body',
      kind: 'missing-member',
      pointer: '/data/attributes/name',
      message: 'the delivery names no event (/data/attributes/name)',
      expected: 'an event name',
      received: getByPointer(body, '/data/attributes/name'),
    });
    return violations;
  }
  if (plan === null) {
    // Persona sends more events than the spec describes: one it does not know is additive.
    const described = Object.keys(webhooksOf(context));
    violation({
      location: 'body',
      kind: 'open-enum-value',
      pointer: '/data/attributes/name',
      message: `event ${name} is not described in the spec's webhooks`,
      expected: described,
      received: name,
    });
    return violations;
  }
  for (const v of misnamed) violation(v);
  const validate = context.ajv.validatorAt(plan.schemaPointer);
  if (!validate(body)) {
    for (const p of problems(validate.errors, body, 'pointer'))
      violation({ location: 'body', ...p });
  }
  return violations;
}

function webhooksOf(context: ValidationContext): Record<string, { post?: OperationObject }> {
  return (context.document.webhooks ?? {}) as Record<string, { post?: OperationObject }>;
}

/** Where the spec keeps the body schema of the webhook `name`. */
export function webhookSchemaPointer(name: string): string {
  return joinPointer(
    '',
    'webhooks',
    name,
    'post',
    'requestBody',
    'content',
    'application/json',
    'schema',
  );
}

function planOf(context: ValidationContext, name: string): WebhookPlan | null {
  return context.memo(`webhook ${name}`, () => {
    const webhooks = webhooksOf(context);
    const post = Object.hasOwn(webhooks, name) ? webhooks[name]?.post : null;
    if (!post) return null;
    const schemaPointer = webhookSchemaPointer(name);
    if (getByPointer(context.document, schemaPointer) === undefined) return null;
    return { operationId: post.operationId ?? null, schemaPointer };
  });
}
