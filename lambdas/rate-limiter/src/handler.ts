import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from './config';
import { createDependencies } from './dependencies';
import { createRecordHandler, RecordHandlerDeps } from './recordHandler';

export type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/**
 * The SQS batch handler: records are handled in parallel and only the ones that
 * threw are reported back in `batchItemFailures`; metrics are written once per
 * batch.
 */
export function createHandler(deps: RecordHandlerDeps): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = createRecordHandler(deps);
  return async (event, context) => {
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
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
