// Reads a list item's values, from a request's attributes or an imported CSV
// row, by the kind's table: the same rules whichever way the item comes in.
import type { ItemField, ListKind } from './kinds.js';

export interface ItemValues {
  attributes: Record<string, unknown>;
  /** What is wrong, each naming the attribute or column as `nameOf` gives it. */
  errors: string[];
}

/** A CSV cell as the field's type: numbers from text, an empty cell as absent. */
export function cellValue(field: ItemField, cell: string | undefined): unknown {
  if (cell === undefined || cell === '') return undefined;
  if (field.kind === 'string') return cell;
  const number = Number(cell);
  return Number.isFinite(number) ? number : cell;
}

/**
 * The item's attributes, checked and normalized. `read` gives a field's
 * raw value (undefined when absent); `nameOf` how messages name the field,
 * `whole` the item as a whole (`data.attributes`, `the row`).
 */
export function readItemValues(
  kind: ListKind,
  read: (field: ItemField) => unknown,
  nameOf: (field: ItemField) => string,
  whole: string,
): ItemValues {
  const attributes: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const field of kind.fields) {
    const value = read(field);
    if (value === undefined || value === null || value === '') {
      if (field.required) errors.push(`${nameOf(field)} is required`);
      else if (field.fallback !== undefined) attributes[field.attribute] = field.fallback;
      continue;
    }
    if (typeof value !== field.kind) {
      errors.push(`${nameOf(field)} must be a ${field.kind}`);
      continue;
    }
    attributes[field.attribute] = value;
  }
  for (const field of kind.fields) {
    const value = attributes[field.attribute];
    if (value === undefined || value === field.fallback) continue;
    const problem = field.check?.(value as never, attributes);
    if (problem) errors.push(`${nameOf(field)} ${problem}`);
    else if (field.normalize) attributes[field.attribute] = field.normalize(value as never);
  }
  const problem = errors.length === 0 ? kind.check?.(attributes) : null;
  if (problem) errors.push(`${whole} ${problem}`);
  return { attributes, errors };
}

/** What makes two items of a list the same entry: their values, in the table's order. */
export function itemKey(kind: ListKind, attributes: Record<string, unknown>): string {
  return JSON.stringify(kind.fields.map((f) => attributes[f.attribute] ?? null));
}
