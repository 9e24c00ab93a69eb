// Every kind of Persona list, in one table: its type names, id prefix, the
// attributes an item carries (and the CSV column each is imported from), and
// what makes a value valid. Routes, services and the importer all read it.
import { isIpValue, isPhoneValue } from './values.js';

/** One attribute of a list item. */
export interface ItemField {
  /** The attribute's name (`name-first`). */
  attribute: string;
  /** The CSV column an importer reads it from (`name_first`). */
  column: string;
  kind: 'string' | 'number';
  required?: boolean;
  /** Stored when the request leaves the attribute out. */
  fallback?: string | number;
  /** Answers what is wrong with a value (to follow the attribute's name), or null. */
  check?: (value: never, item: Record<string, unknown>) => string | null;
  /** The stored form of a valid value. */
  normalize?: (value: never) => string | number;
}

export interface ListKind {
  /** Path segment of the kind: `/list/names`, `/list-item/names`. */
  plural: string;
  /** `list/name`, `list-item/name`, `importer/list-item/name`. */
  singular: string;
  itemPrefix: string;
  /** Persona's API creates lists of this kind (others are made in its dashboard). */
  creatable: boolean;
  /** Persona's API imports items of this kind from a CSV file. */
  importable: boolean;
  fields: ItemField[];
  /** A rule across fields, such as "a first name, a last name or both". */
  check?: (item: Record<string, unknown>) => string | null;
}

const text = (attribute: string, extra: Partial<ItemField> = {}): ItemField => ({
  attribute,
  column: attribute.replace(/-/g, '_'),
  kind: 'string',
  required: true,
  ...extra,
});

const between = (low: number, high: number) => (value: number) =>
  value >= low && value <= high ? null : `must be between ${low} and ${high}`;

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const domainPattern = /^[^@\s]+\.[^@\s]+$/;

export const listKinds: readonly ListKind[] = [
  {
    plural: 'browser-fingerprints',
    singular: 'browser-fingerprint',
    itemPrefix: 'libf',
    creatable: true,
    importable: false,
    fields: [text('value')],
  },
  {
    plural: 'countries',
    singular: 'country',
    itemPrefix: 'lic',
    creatable: true,
    importable: false,
    fields: [
      text('country-code', {
        check: (v: string) =>
          /^[A-Za-z]{2}$/.test(v) ? null : 'must be a two-letter country code',
        normalize: (v: string) => v.toUpperCase(),
      }),
    ],
  },
  {
    plural: 'device-fingerprints',
    singular: 'device-fingerprint',
    itemPrefix: 'lidf',
    creatable: false,
    importable: false,
    fields: [text('value')],
  },
  {
    plural: 'email-addresses',
    singular: 'email-address',
    itemPrefix: 'liea',
    creatable: true,
    importable: true,
    fields: [
      text('value', {
        check: (v: string, item) =>
          item['match-type'] === 'domain'
            ? domainPattern.test(v)
              ? null
              : 'must be a domain (example.com) when match-type is domain'
            : emailPattern.test(v)
              ? null
              : 'must be an email address',
        normalize: (v: string) => v.toLowerCase(),
      }),
      text('match-type', {
        required: false,
        fallback: 'email_address',
        check: (v: string) =>
          v === 'email_address' || v === 'domain' ? null : 'must be email_address or domain',
      }),
    ],
  },
  {
    plural: 'fields',
    singular: 'field',
    itemPrefix: 'liif',
    creatable: false,
    importable: false,
    fields: [text('field-value')],
  },
  {
    plural: 'geolocations',
    singular: 'geolocation',
    itemPrefix: 'ligl',
    creatable: true,
    importable: true,
    fields: [
      { ...text('latitude'), kind: 'number', check: between(-90, 90) },
      { ...text('longitude'), kind: 'number', check: between(-180, 180) },
      {
        ...text('radius-meters'),
        kind: 'number',
        required: false,
        fallback: 0,
        check: (v: number) => (v >= 0 ? null : 'must not be negative'),
      },
    ],
  },
  {
    plural: 'government-id-numbers',
    singular: 'government-id-number',
    itemPrefix: 'ligin',
    creatable: true,
    importable: true,
    fields: [text('id-number'), text('id-class')],
  },
  {
    plural: 'ip-addresses',
    singular: 'ip-address',
    itemPrefix: 'liip',
    creatable: true,
    importable: true,
    fields: [
      text('value', {
        check: (v: string) =>
          isIpValue(v) ? null : 'must be an IPv4 or IPv6 address, or a CIDR range',
      }),
    ],
  },
  {
    plural: 'names',
    singular: 'name',
    itemPrefix: 'lin',
    creatable: true,
    importable: true,
    fields: [text('name-first', { required: false }), text('name-last', { required: false })],
    check: (item) =>
      item['name-first'] === undefined && item['name-last'] === undefined
        ? 'needs a first name, a last name or both'
        : null,
  },
  {
    plural: 'phone-numbers',
    singular: 'phone-number',
    itemPrefix: 'lipn',
    creatable: true,
    importable: true,
    fields: [
      text('value', {
        check: (v: string) => (isPhoneValue(v) ? null : 'must be a phone number of 7 to 15 digits'),
      }),
    ],
  },
  {
    // Persona's examples give string items the `lin_` prefix of name items.
    plural: 'strings',
    singular: 'string',
    itemPrefix: 'lin',
    creatable: false,
    importable: false,
    fields: [text('value')],
  },
];

export const listType = (kind: ListKind) => `list/${kind.singular}`;
export const itemType = (kind: ListKind) => `list-item/${kind.singular}`;
export const importerType = (kind: ListKind) => `importer/list-item/${kind.singular}`;
/** Persona names an importer that added an item by this type in the item's `creator`. */
export const creatorType = (kind: ListKind) => `importer/${kind.singular}`;

const byListType = new Map(listKinds.map((k) => [listType(k), k]));

export function kindOfList(type: string): ListKind | undefined {
  return byListType.get(type);
}

/** `email-address` → `EmailAddress`: the part of an operationId that names the kind. */
export function pascalOf(kind: ListKind): string {
  return kind.singular.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
