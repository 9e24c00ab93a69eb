import { invalid } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { WorkflowStep } from '../core/seed-types.js';
import type { ResourceRecord } from '../core/types.js';
import { actionFor, checkParameters } from './account-action-rules.js';
import { getAccount } from './accounts/accounts.js';
import { accountView, runSteps, saveRun } from './workflows.js';

// Account actions: an action runs its steps on one account, as a workflow run.

/**
 * Runs an account action on an account. An action runs as a workflow: a run
 * is recorded either way (`workflow-run.created`, the only event of an action),
 * and a failed run answers 422 with the step's error.
 */
export function runAccountAction(
  org: Org,
  now: string,
  accountId: string,
  actionId: string,
  parameters: Record<string, unknown>,
): { account: ResourceRecord; run: ResourceRecord } {
  const account = getAccount(org, accountId);
  const action = actionFor(org, account, actionId);
  checkParameters(action, parameters, 'data.parameters');
  const workflowId = `wfl_${actionId.slice(6)}`;
  const runId = org.newId('wfr');
  const result = runSteps(org, now, action.internal!.steps as WorkflowStep[], {
    account: accountView(account),
    parameters,
    runId,
  });
  const run = saveRun(
    org,
    now,
    workflowId,
    { 'account-id': accountId, 'account-action-id': actionId, parameters },
    runId,
    result,
  );
  if (result.error)
    throw invalid(
      `account action ${action.attributes.name} failed: ${result.error.details ?? result.error.title}`,
    );
  return { account, run };
}
