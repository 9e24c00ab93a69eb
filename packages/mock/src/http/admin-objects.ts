import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { badRequest, notFound } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { accountStatus } from '../services/accounts/accounts.js';
import type { RowError } from '../services/importer.js';
import { itemIdsOf } from '../services/lists/items.js';
import type { StepOutcome } from '../services/workflows.js';
import { keyOf } from './admin-support.js';

/** The admin route wrapper of admin.ts: runs, commits and answers JSON or the error. */
type AdminRoute = (run: (request: Request) => unknown) => Parameters<typeof http.get>[1];

const objectId = /^(act|mprt|wfr|lst)_[a-zA-Z0-9]+$/;

/**
 * What the mock keeps about an object beyond Persona's resource (stored in
 * the record's `internal`), answered as openapi/control-plane/object.yaml says.
 */
export function objectState(
  org: Org,
  record: ResourceRecord,
): { id: string; type: string; state: object } {
  const internal = record.internal ?? {};
  const { id, type } = record;
  if (type.startsWith('list/')) return { id, type, state: { itemIds: itemIdsOf(org, id) } };
  if (type === 'account') return { id, type, state: { status: accountStatus(record) } };
  if (type.startsWith('importer/list-item/')) {
    const { listId, fileName, rowErrors } = internal;
    return { id, type, state: { listId, fileName, rowErrors } };
  }
  if (type.startsWith('importer/')) {
    const rowErrors = (internal.rowErrors as RowError[] | undefined) ?? [];
    return {
      id,
      type,
      state: {
        fileName: internal.fileName ?? null,
        mode: internal.mode,
        createdCount: internal.createdCount ?? 0,
        updatedCount: internal.updatedCount ?? 0,
        rowErrors: rowErrors.map(({ row, 'reference-id': referenceId, errors }) => ({
          row,
          referenceId,
          errors,
        })),
      },
    };
  }
  return {
    id,
    type,
    state: {
      // Control-plane keys are camelCase, as in seed files.
      steps: ((internal.steps as StepOutcome[] | undefined) ?? []).map(
        ({ 'continued-on-error': continuedOnError, ...step }) => ({ ...step, continuedOnError }),
      ),
      triggerPayload: internal.triggerPayload ?? {},
      objects: internal.objects ?? [],
    },
  };
}

function find(org: Org, id: string): ResourceRecord {
  if (!objectId.test(id)) {
    throw badRequest(
      `object id ${id} must be an account (act_…), importer (mprt_…), workflow run (wfr_…) or list (lst_…) id`,
    );
  }
  const record = org.findById(id);
  if (!record) throw notFound('object', id);
  return record;
}

/** `GET /__mock/objects/{object-id}`: the mock-only state of an account, importer, workflow run or list. */
export function objectsHandler(core: { orgFor(key: string): Org }, admin: AdminRoute): HttpHandler {
  return http.get(
    '*/__mock/objects/:objectId',
    admin((request) => {
      const org = core.orgFor(keyOf(request));
      const id = decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? '');
      return objectState(org, find(org, id));
    }),
  );
}
