// The resources the console lists, where the API keeps them, and how to
// find the list an object of a given JSON:API type belongs to.

export interface Kind {
  /** The URL segment under /api/v1 and under #/resources/. */
  name: string;
  label: string;
  /** One of them: `Account`, `Inquiry`. */
  one: string;
  /** Filters the API takes for this list, by `filter[...]` name. */
  filters: { name: string; label: string }[];
  /** Whether an object of this JSON:API type belongs here. */
  holds(type: string): boolean;
  /** False for objects the API reads one by one but does not list (verifications). */
  listed?: boolean;
}

const status = { name: 'status', label: 'Status' };
const reference = { name: 'reference-id', label: 'Reference id' };
const account = { name: 'account-id', label: 'Account id' };

export const kinds: Kind[] = [
  {
    name: 'accounts',
    label: 'Accounts',
    one: 'Account',
    filters: [reference, status],
    holds: (t) => t === 'account',
  },
  {
    name: 'inquiries',
    label: 'Inquiries',
    one: 'Inquiry',
    filters: [reference, account, status],
    holds: (t) => t === 'inquiry',
  },
  {
    name: 'cases',
    label: 'Cases',
    one: 'Case',
    filters: [reference, account, status],
    holds: (t) => t === 'case',
  },
  {
    name: 'reports',
    label: 'Reports',
    one: 'Report',
    filters: [reference, account, status],
    holds: (t) => t.startsWith('report/'),
  },
  {
    name: 'transactions',
    label: 'Transactions',
    one: 'Transaction',
    filters: [reference],
    holds: (t) => t === 'transaction',
  },
  {
    name: 'workflow-runs',
    label: 'Workflow runs',
    one: 'Workflow run',
    filters: [{ name: 'workflow-id', label: 'Workflow id' }, status],
    holds: (t) => t === 'workflow-run',
  },
  {
    name: 'verifications',
    label: 'Verifications',
    one: 'Verification',
    filters: [],
    holds: (t) => t.startsWith('verification/'),
    listed: false,
  },
];

/** The kinds with a list of their own, one tab each. */
export const listedKinds = kinds.filter((k) => k.listed !== false);

export const kindNamed = (name: string) => kinds.find((k) => k.name === name);
export const kindOf = (type: string) => kinds.find((k) => k.holds(type));

/** Where the console shows an object: its detail page when it has one. */
export const hrefOf = (type: string, id: string) => {
  const kind = kindOf(type);
  return kind ? `#/resources/${kind.name}/${encodeURIComponent(id)}` : undefined;
};

/** Lists that point back at an account, shown on the account's page. */
export const accountLists = kinds.filter((k) => k.filters.some((f) => f.name === 'account-id'));
