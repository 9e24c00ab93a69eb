import { type MockData, parseEveryRecord } from '../core/store.js';

/** A copy of the data with every object parsed: a journaled store keeps unused ones as text. */
export function parsedData(data: MockData): MockData {
  // Through JSON, which the store's data is: a committed object's text stands for the object.
  const copy = JSON.parse(JSON.stringify(data)) as MockData;
  parseEveryRecord(copy);
  return copy;
}
