export { describeAwsError } from './describeAwsError';
export { isApiUnavailable } from './isApiUnavailable';
export { DefaultAwsClientFactory } from './clientFactory';
export { partitionOf } from './partition';
export {
  SESSION_TAG_KEYS,
  sessionTagsOf,
  sourceIdentityOf,
} from './actingUser';
export type { ActingUser } from './actingUser';
export type {
  AwsClientFactory,
  AwsClientFactoryOptions,
  AwsClientOptions,
  AwsClients,
  AwsSdkClient,
  AwsSdkClientConfig,
  AwsSdkClientConstructor,
  RemediationAws,
} from './clientFactory';
