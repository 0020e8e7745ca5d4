export { describeAwsError } from './describeAwsError';
export { isApiUnavailable } from './isApiUnavailable';
export { DefaultAwsClientFactory } from './clientFactory';
export { partitionOf } from './partition';
export type {
  AwsClientFactory,
  AwsClientFactoryOptions,
  AwsAccess,
  AwsClientOptions,
  AwsSdkClient,
  AwsSdkClientConfig,
  AwsSdkClientConstructor,
} from './clientFactory';
