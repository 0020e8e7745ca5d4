export { RemediationActionExecutor } from './actionExecutor';
export type { RemediationActionRunner } from './actionExecutor';
export { SqsMessageMove } from './sqsMessageMove';
export type { QueueRef } from './sqsMessageMove';
