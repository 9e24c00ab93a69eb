import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import type { Stamp } from '../tags.js';

/** Who acted on a case: a user (by email address), a workflow run, or the API key itself. */
export interface Actor {
  type: string;
  id: string;
}

/** The actor recorded for changes made through the API with an organization's key. */
export function apiActor(org: Org): Actor {
  return { type: 'api-key', id: `api_${org.id.slice(org.id.indexOf('_') + 1)}` };
}

/** Every change to a case records when it was made and by whom (tag changes too). */
export const stampBy =
  (actor: Actor): Stamp =>
  (c, now) => {
    c.attributes['updated-at'] = now;
    c.attributes['updater-id'] = actor.id;
    c.attributes['updater-type'] = actor.type;
  };

/** Applies a change to a case, stamping who made it and when. */
export function changeCase(
  org: Org,
  now: string,
  record: ResourceRecord,
  actor: Actor,
  apply: (c: ResourceRecord) => void,
): ResourceRecord {
  return org.collection('cases').update(record.id, (c) => {
    apply(c);
    stampBy(actor)(c, now);
  });
}
