import { expectTypeOf, test } from 'vitest';
import type { BinaryPath } from './binary.js';

test('only the print operations answer files', () => {
  expectTypeOf<BinaryPath>().toEqualTypeOf<
    | '/inquiries/{inquiry-id}/print'
    | '/reports/{report-id}/print'
    | '/verifications/{verification-id}/print'
  >();
});
