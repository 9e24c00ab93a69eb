import { notFound } from '../core/errors.js';
import { allOf, createdBetween, listPage } from '../http/list.js';
import type { RouteTable } from '../http/route.js';
import { triggerWorkflow } from '../services/workflows.js';

export const workflowRoutes: RouteTable = {
  triggerWorkflow: (input) => {
    const payload = ((input.body as { data?: { attributes?: Record<string, unknown> } }).data
      ?.attributes ?? {}) as Record<string, unknown>;
    const run = triggerWorkflow(input.org, input.core.now(), input.params['workflow-id']!, payload);
    return { status: 200, data: run };
  },
  listWorkflowRuns: (input) => {
    const runs = input.org.collection('workflow-runs');
    const { filter } = input.query;
    return listPage(input, runs, {
      ...(filter['workflow-id'] !== undefined
        ? { candidates: runs.lookup('workflow', filter['workflow-id']) }
        : {}),
      where: allOf(
        filter.status !== undefined && ((r) => r.attributes.status === filter.status),
        createdBetween(filter),
      ),
    });
  },
  retrieveWorkflowRun: (input) => {
    const id = input.params['workflow-run-id']!;
    const run = input.org.collection('workflow-runs').get(id);
    if (!run) throw notFound('workflow run', id);
    return { status: 200, data: run };
  },
};
