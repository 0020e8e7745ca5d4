/**
 * @prod-hardening/rate-limiter/testUtils: helpers for tests that run the real
 * handler against the local stack (SQS records, messages, local dependencies).
 */
export {
  awsClients,
  fakeContext,
  localConfig,
  localDependencies,
  message,
  receiveAll,
  silentLogger,
  sqsRecord,
  testCredentials,
} from './localStack';
