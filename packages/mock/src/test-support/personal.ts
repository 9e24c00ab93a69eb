type Typed = { type: string; value?: unknown };

const nameParts = ['first', 'middle', 'last'] as const;
const scalars: Record<string, string> = {
  birthdate: 'birthdate',
  phone_number: 'phone-number',
  email_address: 'email-address',
};

/**
 * An account's personal data read back from its typed `fields`, as plain
 * values named like the request attributes that set them
 * (`{ 'name-first': 'Ada', birthdate: '1815-12-10' }`); parts not set are left out.
 */
export function personalOf(attributes: {
  fields?: Record<string, Typed>;
}): Record<string, unknown> {
  const fields = attributes.fields ?? {};
  const out: Record<string, unknown> = {};
  const name = (fields.name?.value ?? {}) as Record<string, Typed>;
  for (const part of nameParts) if (name[part]) out[`name-${part}`] = name[part].value;
  for (const [key, attribute] of Object.entries(scalars))
    if (fields[key]) out[attribute] = fields[key].value;
  return out;
}
