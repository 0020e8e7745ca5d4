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
import { PendingDeferrals } from './pendingDeferrals';

export type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/**
 * The SQS batch handler: records of different creators are handled in
 * parallel, each creator's records one after the other in the batch's order,
 * and only the ones that threw are reported back in `batchItemFailures`;
 * deferred copies are re-sent together at the end (SendMessageBatch) and a
 * record whose copy was not sent is reported too; metrics are written once per
 * batch.
 */
export function createHandler(deps: RecordHandlerDeps): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = createRecordHandler(deps);
  const clock = deps.clock ?? Date.now;
  return async (event, context) => {
    const deferrals = new PendingDeferrals();
    try {
      const response = await processPartialResponse(
        event,
        inCreatorOrder(event.Records, record =>
          recordHandler(record, deferrals),
        ),
        processor,
        { context, throwOnFullBatchFailure: false },
      );
      const unsent = await deferrals.send({ ...deps, clock });
      return {
        batchItemFailures: [
          ...response.batchItemFailures,
          ...unsent.map(itemIdentifier => ({ itemIdentifier })),
        ],
      };
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
