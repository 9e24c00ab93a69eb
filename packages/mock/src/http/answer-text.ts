import { versionOf } from '../core/stored-record.js';
import type { ResourceRecord } from '../core/types.js';
import { present } from './serialize.js';

/** The last answer text made from each stored object, and the version it was made from. */
const made = new WeakMap<ResourceRecord, { version: number; text: string }>();

/**
 * `{"data": …}` for one stored object answered whole (no sparse fieldsets, no
 * `include`): what a retrieve answers. Made again only once the object
 * changed; an object the store does not count is answered fresh each time.
 */
export function singleAnswerText(record: ResourceRecord): string {
  const version = versionOf(record);
  if (version === undefined) return JSON.stringify({ data: present(record, {}) });
  const last = made.get(record);
  if (last?.version === version) return last.text;
  const text = JSON.stringify({ data: present(record, {}) });
  made.set(record, { version, text });
  return text;
}
