import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from './config';
import { createDependencies } from './dependencies';
import { createRecordHandler, RecordHandlerDeps } from './recordHandler';
import { inCreatorOrder } from './creatorOrder';

export type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/**
 * The SQS batch handler: records of different creators are handled in
 * parallel, each creator's records one after the other in the batch's order,
 * and only the ones that threw are reported back in `batchItemFailures`;
 * metrics are written once per batch.
 */
export function createHandler(deps: RecordHandlerDeps): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = createRecordHandler(deps);
  return async (event, context) => {
    try {
      return await processPartialResponse(
        event,
        inCreatorOrder(event.Records, recordHandler),
        processor,
        { context, throwOnFullBatchFailure: false },
      );
    } finally {
      await deps.metrics.flush();
    }
  };
}

let instance: Promise<SqsHandler> | undefined;

/** The Lambda entry point; dependencies are built on the first invocation. */
export const handler: SqsHandler = async (event, context) => {
  instance ??= createDependencies(loadConfig()).then(createHandler, error => {
    instance = undefined;
    throw error;
  });
  return (await instance)(event, context);
};
