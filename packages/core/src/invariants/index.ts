export * from './check';
export { INVARIANTS } from './registry';
export type { Invariant, InvariantViolation, Query, RecentScope } from './types';
