import { describe, expectTypeOf, it } from 'vitest';
import type { ListItemImportKind } from './list-item-import.js';

describe('ListItemImportKind', () => {
  it('names exactly the kinds Persona imports from CSV', () => {
    expectTypeOf<ListItemImportKind>().toEqualTypeOf<
      | 'email-addresses'
      | 'geolocations'
      | 'government-id-numbers'
      | 'ip-addresses'
      | 'names'
      | 'phone-numbers'
    >();
  });
});
