export { describeAwsError } from './describeAwsError';
export { DefaultAwsClientFactory } from './clientFactory';
export type {
  AwsClientFactory,
  AwsAccess,
  AwsClientOptions,
  AwsSdkClient,
  AwsSdkClientConfig,
  AwsSdkClientConstructor,
} from './clientFactory';
