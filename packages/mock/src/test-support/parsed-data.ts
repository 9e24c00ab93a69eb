import type { MockData } from '../core/store.js';
import type { ResourceRecord } from '../core/types.js';

/** A copy of the data with every object parsed: a journaled store keeps unused ones as text. */
export function parsedData(data: MockData): MockData {
  const copy = structuredClone(data);
  for (const org of Object.values(copy.orgs))
    for (const records of Object.values(org.collections))
      for (const [id, stored] of Object.entries(records))
        if (typeof stored === 'string') records[id] = JSON.parse(stored) as ResourceRecord;
  return copy;
}
