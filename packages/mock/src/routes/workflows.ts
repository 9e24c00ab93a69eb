import { notFound } from '../core/errors.js';
import { allOf, createdBetween, listPage } from '../http/list.js';
import type { RouteTable } from '../http/route.js';
import { attributeIs, attributesOf, lookupIf, now } from './support.js';

export const workflowRoutes: RouteTable = {
  triggerWorkflow: (input) => {
    const run = input.core.workflows.trigger(
      input.org,
      now(input),
      input.params['workflow-id']!,
      attributesOf(input),
    );
    return { status: 200, data: run };
  },
  listWorkflowRuns: (input) => {
    const runs = input.org.collection('workflow-runs');
    const { filter } = input.query;
    return listPage(input, runs, {
      candidates: lookupIf(runs, 'workflow', filter['workflow-id']),
      where: allOf(attributeIs('status', filter.status), createdBetween(filter)),
    });
  },
  retrieveWorkflowRun: (input) => {
    const id = input.params['workflow-run-id']!;
    const run = input.org.collection('workflow-runs').get(id);
    if (!run) throw notFound('workflow run', id);
    return { status: 200, data: run };
  },
};
