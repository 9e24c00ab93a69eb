export interface ParsedQuery {
  include: string[];
  fields: Record<string, string[]>;
  page: { after?: string; before?: string; size: number };
  filter: Record<string, string>;
}

const DEFAULT_PAGE_SIZE = 10;

/** Reads JSON:API query parameters: `include`, `fields[type]`, `page[...]`, `filter[...]`. */
export function parseQuery(params: URLSearchParams): ParsedQuery {
  const query: ParsedQuery = {
    include: [],
    fields: {},
    page: { size: DEFAULT_PAGE_SIZE },
    filter: {},
  };
  for (const [name, value] of params) {
    if (name === 'include') {
      query.include.push(...splitList(value));
      continue;
    }
    const member = /^(fields|page|filter)\[([^\]]+)\]$/.exec(name);
    if (!member) continue;
    const [, group, key] = member as unknown as [string, string, string];
    if (group === 'fields') query.fields[key] = splitList(value);
    else if (group === 'filter') query.filter[key] = value;
    else if (key === 'size') {
      // Operations that page have `page[size]` checked against the spec already;
      // elsewhere it means nothing and is ignored.
      const size = Number(value);
      if (Number.isInteger(size) && size >= 1 && size <= 100) query.page.size = size;
    } else if (key === 'after' || key === 'before') query.page[key] = value;
  }
  return query;
}

/** `a,b, c` → `['a', 'b', 'c']`: items trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
