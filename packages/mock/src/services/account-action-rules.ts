import { conflict, invalid, notFound } from '../core/errors.js';
import { linkedId, type Org } from '../core/org.js';
import type { SeedActionParameter } from '../core/seed-types.js';
import type { ResourceRecord } from '../core/types.js';
import { accountStatus } from './accounts/accounts.js';

// Whether an account action may run: on this account, from its status, with these parameters.

export function actionFor(org: Org, account: ResourceRecord, actionId: string): ResourceRecord {
  const action = org.collection('account-actions').get(actionId);
  if (!action) throw notFound('account action', actionId);
  const typeId = linkedId(account, 'account-type');
  if (linkedId(action, 'account-type') !== typeId) {
    throw conflict(
      `account action ${actionId} belongs to another account type than account ${account.id}`,
    );
  }
  if (account.internal?.consolidatedInto) {
    throw conflict(
      `account ${account.id} was consolidated into ${account.internal.consolidatedInto} and is archived`,
    );
  }
  const from = action.internal?.fromStatuses as string[] | null;
  const status = accountStatus(account);
  if (from && !from.includes(status as string)) {
    throw conflict(
      `account action ${action.attributes.name} cannot run on an account with status ${status}`,
    );
  }
  return action;
}

export function checkParameters(
  action: ResourceRecord,
  parameters: Record<string, unknown>,
  where: string,
) {
  const defs = (action.internal?.parameters as SeedActionParameter[]) ?? [];
  const known = new Set(defs.map((d) => d.key));
  for (const key of Object.keys(parameters)) {
    if (!known.has(key))
      throw invalid(
        `${where}.${key} is not a parameter of account action ${action.attributes.name}`,
      );
  }
  for (const def of defs) {
    const value = parameters[def.key];
    if (value === undefined || value === null) {
      if (def.required) throw invalid(`${where}.${def.key} is required`);
      continue;
    }
    const ok =
      def.type === 'string' || def.type === 'date'
        ? typeof value === 'string' && (def.type !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(value))
        : def.type === 'integer'
          ? Number.isInteger(value)
          : def.type === 'number'
            ? typeof value === 'number'
            : typeof value === 'boolean';
    if (!ok) throw invalid(`${where}.${def.key} must be a ${def.type}`);
    if (def.allowedValues && !def.allowedValues.includes(value as string)) {
      throw invalid(`${where}.${def.key} must be one of ${def.allowedValues.join(', ')}`);
    }
  }
}
