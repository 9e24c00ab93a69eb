import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import type { FileAnswer } from '../../http/route.js';
import { type PdfSection, printPdf } from './pdf.js';

/** A value as one line of text; nested objects and lists as compact JSON. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value === '' ? '-' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The attributes, but for `checks`, which gets a section of its own. */
function attributeRows(record: ResourceRecord): [string, string][] {
  return Object.entries(record.attributes)
    .filter(([name]) => name !== 'checks')
    .map(([name, value]) => [name, shown(value)]);
}

function checkRows(record: ResourceRecord): [string, string][] {
  const checks = record.attributes.checks;
  if (!Array.isArray(checks)) return [];
  return checks.map((check: { name?: string; status?: string; reasons?: unknown[] }) => [
    check.name ?? '?',
    `${check.status ?? '?'}${check.reasons?.length ? ` (${check.reasons.join(', ')})` : ''}`,
  ]);
}

function relationshipRows(record: ResourceRecord): [string, string][] {
  return Object.entries(record.relationships ?? {}).map(([name, { data }]) => {
    const links = (Array.isArray(data) ? data : data ? [data] : []) as Linkage[];
    return [name, links.length ? links.map((l) => l.id).join(', ') : '-'];
  });
}

/**
 * An object printed as Persona's print operations answer it: a PDF of its
 * main attributes, its checks (verifications), what it links to and, for an
 * inquiry, each of its verifications' outcomes.
 */
export async function printRecord(
  org: Org,
  record: ResourceRecord,
  now: string,
): Promise<FileAnswer> {
  const sections: PdfSection[] = [{ heading: 'Attributes', rows: attributeRows(record) }];
  const checks = checkRows(record);
  if (checks.length) sections.push({ heading: 'Checks', rows: checks });
  if (record.type === 'inquiry') {
    const links = (record.relationships?.verifications?.data ?? []) as Linkage[];
    const rows = links.map((link): [string, string] => {
      const verification = org.collection('verifications').get(link.id);
      return [link.id, `${link.type} ${shown(verification?.attributes.status)}`];
    });
    if (rows.length) sections.push({ heading: 'Verifications', rows });
  }
  sections.push({ heading: 'Related objects', rows: relationshipRows(record) });
  const createdAt = record.attributes['created-at'];
  // The sections are read before the first await: the PDF shows the object as it was asked for.
  return {
    contentType: 'application/pdf',
    bytes: await printPdf({
      title: `${record.type} ${record.id}`,
      createdAt: typeof createdAt === 'string' ? createdAt : now,
      sections,
    }),
  };
}
