import type { ResourceRecord } from '../core/types.js';
import type { RouteInput, RouteOutput } from '../http/route.js';
import { printRecord } from '../services/print/printable.js';
import { now } from './support.js';

/** The answer of a print operation: the object as a PDF. */
export const printed = async (input: RouteInput, record: ResourceRecord): Promise<RouteOutput> => ({
  status: 200,
  data: null,
  file: await printRecord(input.org, record, now(input)),
});
