import { conflict, invalid } from '../core/errors.js';
import { hashKey } from '../core/ids.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { getReport } from './report-kinds.js';

interface Source {
  name?: string;
  url?: string;
  articles?: { url?: string }[];
}
interface IgnoredMatch {
  match?: Record<string, unknown>;
}

/** One current match, keyed as its ignore-list entry names it. */
interface Match {
  key: string;
  /** The entry's `match`, in the shape Persona gives it for the kind. */
  match: Record<string, unknown>;
}

const entityId = (name: string) => `ent_${hashKey(name.toLowerCase())}`;
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * What a watchlist report matched (the lists, keyed by name) or a politically
 * exposed person report (the people, keyed by an entity id from the name).
 */
function matchesOf(report: ResourceRecord): Match[] {
  const a = report.attributes;
  if (report.type === 'report/watchlist') {
    return list<Record<string, unknown>>(a['matched-lists']).map((matched) => ({
      key: String(matched.name),
      match: { ...matched },
    }));
  }
  if (report.type === 'report/politically-exposed-person') {
    return list<{ name?: string }>(a.result)
      .filter((person) => person.name)
      .map((person) => {
        const id = entityId(person.name!);
        return { key: id, match: { 'entity-id': id, name: person.name!, birthdates: [] } };
      });
  }
  return [];
}

/** The keys of the matches a reviewer dismissed. */
const ignoredKeys = (report: ResourceRecord) =>
  new Set(
    list<IgnoredMatch>(report.attributes['ignore-list']).map((i) =>
      String(report.type === 'report/watchlist' ? i.match?.name : i.match?.['entity-id']),
    ),
  );

/** Articles of an adverse media source a reviewer has not dismissed, nor the source itself. */
function openArticles(report: ResourceRecord, source: Source): string[] {
  const a = report.attributes;
  const entities = new Set(
    list<{ 'entity-id'?: string }>(a['ignore-list-entity']).map((e) => e['entity-id']),
  );
  if (entities.has(source.name)) return [];
  const media = (a['ignore-list-media'] ?? {}) as Record<string, string[]>;
  const dismissed = new Set(media[source.name ?? ''] ?? []);
  return list<{ url?: string }>(source.articles)
    .map((article) => article.url ?? '')
    .filter((url) => !dismissed.has(url));
}

/** Whether the report's findings hold a match no reviewer dismissed: its `has-match`. */
export function activeMatch(report: ResourceRecord): boolean {
  if (report.type === 'report/adverse-media') {
    return list<Source>(report.attributes['related-sources']).some(
      (source) => openArticles(report, source).length > 0,
    );
  }
  if (report.type === 'report/watchlist' || report.type === 'report/politically-exposed-person') {
    const ignored = ignoredKeys(report);
    return matchesOf(report).some((m) => !ignored.has(m.key));
  }
  return report.attributes['has-match'] === true;
}

export interface DismissInput {
  reason: string;
  'dismiss-type'?: 'entity' | 'media';
  'entity-id'?: string;
}

/**
 * A reviewer dismisses matches: every current match of a watchlist or
 * politically exposed person report goes to `ignore-list`; an adverse media
 * report dismisses one source (`entity`, by name) or one article (`media`,
 * by URL). A dismissed match stays dismissed when the report runs again.
 */
export function dismissMatches(
  org: Org,
  now: string,
  id: string,
  input: DismissInput,
): ResourceRecord {
  const report = getReport(org, id);
  if (report.attributes['redacted-at'] !== null) throw conflict(`report ${id} is redacted`);
  if (report.attributes.status !== 'ready') throw conflict(`report ${id} is not ready yet`);
  const dismissals = [...list(report.internal?.dismissals), { reason: input.reason, at: now }];
  if (report.type === 'report/adverse-media')
    return dismissMedia(org, now, report, input, dismissals);
  if (report.type !== 'report/watchlist' && report.type !== 'report/politically-exposed-person') {
    throw invalid(
      `${report.type} reports have no matches to dismiss (only watchlist, politically exposed person and adverse media reports do)`,
    );
  }
  const ignored = ignoredKeys(report);
  const open = matchesOf(report).filter((m) => !ignored.has(m.key));
  if (open.length === 0) throw invalid(`report ${id} has no active matches to dismiss`);
  const completedAt = report.attributes['completed-at'];
  return org.collection('reports').update(id, (r) => {
    r.attributes['ignore-list'] = [
      ...list(r.attributes['ignore-list']),
      ...open.map(({ match }) => ({
        'ignored-at': now,
        'run-history-completed-at': completedAt,
        match,
      })),
    ];
    r.attributes['has-match'] = activeMatch(r);
    r.internal = { ...r.internal, dismissals };
  });
}

function dismissMedia(
  org: Org,
  now: string,
  report: ResourceRecord,
  input: DismissInput,
  dismissals: unknown[],
): ResourceRecord {
  const type = input['dismiss-type'];
  const target = input['entity-id'];
  if (!type)
    throw invalid(
      'data.attributes.dismiss-type is required for adverse media reports (entity or media)',
    );
  if (!target) throw invalid('data.attributes.entity-id is required for adverse media reports');
  const sources = list<Source>(report.attributes['related-sources']);
  const source =
    type === 'entity'
      ? sources.find((s) => s.name === target && openArticles(report, s).length > 0)
      : sources.find((s) => openArticles(report, s).includes(target));
  if (!source) {
    throw invalid(
      `data.attributes.entity-id ${target} names no ${type === 'entity' ? 'source' : 'article'} among the report's active matches`,
    );
  }
  return org.collection('reports').update(report.id, (r) => {
    if (type === 'entity') {
      r.attributes['ignore-list-entity'] = [
        ...list(r.attributes['ignore-list-entity']),
        { 'entity-id': target, 'ignored-at': now },
      ];
    } else {
      const media = { ...((r.attributes['ignore-list-media'] ?? {}) as Record<string, string[]>) };
      media[source.name ?? ''] = [...(media[source.name ?? ''] ?? []), target];
      r.attributes['ignore-list-media'] = media;
    }
    r.attributes['has-match'] = activeMatch(r);
    r.internal = { ...r.internal, dismissals };
  });
}
