// `@persona-kit/contract/compat`: our spec (or any) against Persona's published one.
export {
  type AllowList,
  type AllowRule,
  type Classified,
  classify,
  parseAllowList,
} from './allow-list.js';
export {
  type Comparison,
  compareSpecs,
  type Difference,
  type DifferenceKind,
  type Side,
} from './compare.js';
export { type CompatOptions, type CompatResult, runCompat } from './run.js';
