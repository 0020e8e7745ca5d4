/**
 * @prod-hardening/rate-limiter/local: the limiter's local tooling, kept out of the
 * Lambda's deployable `src/`: the stub messaging API (records every delivery and
 * enforces the real limit), the local SQS event source mapping, the local runner of
 * the handler, the demo queues and the demo traffic producer.
 */
export { startStubApi } from './stubApi';
export type {
  StubApi,
  StubApiOptions,
  StubDelivery,
  StubRequest,
  StubViolation,
} from './stubApi';
export { LocalEventSourceMapping } from './eventSourceMapping';
export type {
  InvocationResult,
  LocalEventSourceMappingOptions,
} from './eventSourceMapping';
export { startLocalLambda } from './runner';
export type { LocalLambda, LocalLambdaOptions } from './runner';
export { ensureQueues } from './queues';
export type { EnsureQueuesOptions, LocalQueues } from './queues';
export {
  DEFAULT_DEMO_TRAFFIC,
  DemoTrafficProducer,
  REVIEW_CREATOR,
  REVIEW_MESSAGES,
  planDemoTick,
  reviewPeriod,
  toEvents,
} from './demoTraffic';
export type { DemoTick, DemoTrafficOptions } from './demoTraffic';
