import type { ResourceRecord } from '../core/types.js';
import type { RouteInput, RouteOutput } from '../http/route.js';
import { printRecord } from '../services/print/printable.js';
import { now } from './support.js';

/** The answer of a print operation: the object as a PDF. */
export const printed = (input: RouteInput, record: ResourceRecord): RouteOutput => ({
  status: 200,
  data: null,
  file: printRecord(input.org, record, now(input)),
});
