/**
 * Persona's account requests take personal data as top-level attributes
 * (`name-first`, `birthdate`, `address-city`, …), but its accounts answer it
 * only inside `fields`, as typed values. This is the one place that maps one
 * to the other.
 */

type Typed = { type: string; value?: unknown };

/** Request attributes that fill a part of a hash field, by field and part. */
const hashParts: Record<string, Record<string, string>> = {
  name: { 'name-first': 'first', 'name-middle': 'middle', 'name-last': 'last' },
  address: {
    'address-street-1': 'street_1',
    'address-street-2': 'street_2',
    'address-city': 'city',
    'address-subdivision': 'subdivision',
    'address-postal-code': 'postal_code',
    'country-code': 'country_code',
  },
};

/** Request attributes that fill a whole field: the field's key and type. */
const scalarFields: Record<string, [key: string, type: string]> = {
  birthdate: ['birthdate', 'date'],
  'phone-number': ['phone_number', 'string'],
  'email-address': ['email_address', 'string'],
};

/** Every request attribute that lands in `fields`. */
export const personalRequestAttributes: readonly string[] = [
  ...Object.values(hashParts).flatMap((parts) => Object.keys(parts)),
  ...Object.keys(scalarFields),
];

const personal = new Set(personalRequestAttributes);

// Walked on every account write: listed once here rather than rebuilt per call.
const hashEntries = Object.entries(hashParts).map(
  ([key, parts]) => [key, Object.entries(parts)] as const,
);
const scalarEntries = Object.entries(scalarFields);

export function isPersonalRequestAttribute(name: string): boolean {
  return personal.has(name);
}

/**
 * The typed fields the personal attributes of a request fill, merged into the
 * account's current `fields`: a name part given alone keeps the other parts.
 * Null or absent attributes change nothing. Answers `current` itself when no
 * personal attribute is given.
 */
export function personalFields(
  current: Record<string, unknown>,
  attrs: Record<string, unknown>,
): Record<string, unknown> {
  // Which personal attributes were given, read off the request's few keys: probing
  // the request for each of the dozen possible names costs more than the rest.
  const given = new Map<string, string>();
  for (const name in attrs) {
    const value = attrs[name];
    if (typeof value === 'string' && personal.has(name) && Object.hasOwn(attrs, name))
      given.set(name, value);
  }
  if (given.size === 0) return current;
  let out: Record<string, unknown> | null = null;
  const write = (key: string, value: Typed) => {
    out ??= { ...current };
    out[key] = value;
  };
  for (const [key, parts] of hashEntries) {
    let value: Record<string, Typed> | null = null;
    for (const [attr, part] of parts) {
      const text = given.get(attr);
      if (text === undefined) continue;
      value ??= {
        ...((current[key] as { value?: Record<string, Typed> } | undefined)?.value ?? {}),
      };
      value[part] = { type: 'string', value: text };
    }
    if (value) write(key, { type: 'hash', value });
  }
  for (const [attr, [key, type]] of scalarEntries) {
    const text = given.get(attr);
    if (text !== undefined) write(key, { type, value: text });
  }
  return out ?? current;
}

/**
 * The plain value a personal request attribute (`name-first`,
 * `email-address`) stored in `fields`, or undefined when it is not set.
 */
export function personalValue(
  fields: Record<string, unknown> | undefined,
  attribute: string,
): string | undefined {
  for (const [key, parts] of Object.entries(hashParts)) {
    const part = parts[attribute];
    if (part !== undefined) return fieldText(fields, key, part);
  }
  const scalar = scalarFields[attribute];
  return scalar ? fieldText(fields, scalar[0]) : undefined;
}

/** The plain value of a typed field part (`fields.name.value.first.value`), or undefined. */
export function fieldText(
  fields: Record<string, unknown> | undefined,
  key: string,
  part?: string,
): string | undefined {
  let node = fields?.[key] as Typed | undefined;
  if (part !== undefined) node = (node?.value as Record<string, Typed> | undefined)?.[part];
  return typeof node?.value === 'string' ? node.value : undefined;
}
