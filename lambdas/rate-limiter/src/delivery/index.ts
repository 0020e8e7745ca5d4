export { MessagingClient } from './messagingClient';
export type {
  DeliveryReceipt,
  MessagingClientOptions,
} from './messagingClient';
export {
  ApiThrottledError,
  ApiUnavailableError,
  MessageRejectedError,
} from './errors';
export { secretsManagerToken, staticToken } from './token';
export type { SecretTokenOptions, TokenProvider } from './token';
export {
  MessageQueues,
  deferralsOf,
  failedAttemptsOf,
  FAILED_ATTEMPTS_ATTRIBUTE,
  DEFERRALS_ATTRIBUTE,
  DLQ_REASON_ATTRIBUTE,
  DLQ_RECEIVE_COUNT_ATTRIBUTE,
  DLQ_SOURCE_MESSAGE_ID_ATTRIBUTE,
} from './queues';
export type { QueueOptions } from './queues';
