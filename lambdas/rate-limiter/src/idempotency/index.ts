export { IdempotencyStore } from './store';
export type { ClaimResult, IdempotencyStoreOptions, Outcome } from './store';
