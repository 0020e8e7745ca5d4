export * from './stack';
export { startLocalStack } from './localStack';
export type { LocalStack, LocalStackOptions } from './localStack';
export * from './seed';
export * from './oidc';
