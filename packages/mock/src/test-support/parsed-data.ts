import { type MockData, parseEveryRecord } from '../core/store.js';

/** A copy of the data with every object parsed: a journaled store keeps unused ones as text. */
export function parsedData(data: MockData): MockData {
  const copy = structuredClone(data);
  parseEveryRecord(copy);
  return copy;
}
