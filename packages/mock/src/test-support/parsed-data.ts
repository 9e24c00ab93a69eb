import type { MockData, OrgData } from '../core/store.js';
import type { ResourceRecord } from '../core/types.js';

/** Mock data as its JSON holds it: each collection a plain object by id. */
export interface PlainData {
  format: string;
  orgs: Record<
    string,
    Omit<OrgData, 'collections'> & { collections: Record<string, Record<string, ResourceRecord>> }
  >;
}

/** A copy of the data with every object parsed: a journaled store keeps unused ones as text. */
export function parsedData(data: MockData): PlainData {
  // Through JSON, which the store's data is: a committed object's text stands for the object.
  const copy = JSON.parse(JSON.stringify(data)) as PlainData;
  for (const org of Object.values(copy.orgs))
    for (const records of Object.values(org.collections))
      for (const [id, record] of Object.entries(records))
        if (typeof record === 'string') records[id] = JSON.parse(record) as ResourceRecord;
  return copy;
}
