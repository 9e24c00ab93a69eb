import { invalid, notFound } from '../core/errors.js';
import type { RouteTable } from '../http/route.js';
import { getImporter, type ImportMode, importAccounts, importModes } from '../services/importer.js';
import { listByStatus } from './support.js';

export const importerRoutes: RouteTable = {
  // The file is processed before the answer, so the importer is already `ready` when it is created.
  importAccounts: async (input) => {
    const form = input.body as FormData;
    const file = form.get('data[attributes][file]');
    if (file === null) throw invalid('data[attributes][file] is required');
    const mode = (form.get('data[attributes][mode]') ?? 'create') as ImportMode;
    if (typeof mode !== 'string' || !importModes.includes(mode)) {
      throw invalid(`data[attributes][mode] must be one of ${importModes.join(', ')}`);
    }
    const text = typeof file === 'string' ? file : await file.text();
    const fileName = typeof file === 'string' ? undefined : file.name || undefined;
    const importer = importAccounts(input.org, input.core.now(input.org), text, mode, { fileName });
    return { status: 201, data: importer };
  },
  listImporters: (input) => listByStatus(input, input.org.collection('importers')),
  retrieveImporter: (input) => {
    const id = input.params['importer-id']!;
    const importer = getImporter(input.org, id);
    if (!importer) throw notFound('importer', id);
    return { status: 200, data: importer };
  },
};
