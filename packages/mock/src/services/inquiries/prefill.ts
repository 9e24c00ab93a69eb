import { isCalendarDate } from '../../core/dates.js';
import { invalid } from '../../core/errors.js';
import { typed } from '../fields.js';
import { personalNames } from '../redaction.js';

/** The personal attributes an inquiry collects: null until collected, and again after redaction. */
export const inquiryPersonalAttributes = personalNames('inquiry', 'null');

const personal = new Set<string>(inquiryPersonalAttributes);

export type Typed = { type: string; value?: unknown };

/**
 * Field inputs as typed values, and the personal attributes they prefill
 * (`name-first` or `name_first` sets `name-first`). A prefilled attribute of
 * the wrong kind is a 422 naming the field.
 */
export function prefill(
  input: Record<string, unknown>,
  existing: Record<string, Typed>,
  where: string,
): { fields: Record<string, Typed>; attributes: Record<string, string | null> } {
  const fields: Record<string, Typed> = {};
  const attributes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(input)) {
    const attribute = key.replaceAll('_', '-');
    const isDate = attribute === 'birthdate';
    if (personal.has(attribute)) {
      if (value !== null && typeof value !== 'string')
        throw invalid(`${where}.${key} must be a string`);
      if (isDate && typeof value === 'string' && !isCalendarDate(value)) {
        throw invalid(`${where}.${key} must be a date (YYYY-MM-DD)`);
      }
      attributes[attribute] = value;
    }
    if (value === null) {
      fields[key] = { type: existing[key]?.type ?? (isDate ? 'date' : 'string'), value: null };
    } else if (isDate) {
      fields[key] = { type: 'date', value };
    } else {
      fields[key] = typed(value);
    }
  }
  return { fields, attributes };
}
