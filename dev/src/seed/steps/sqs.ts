import {
  CreateQueueCommand,
  GetQueueUrlCommand,
  QueueAttributeName,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { sqsQueueArn, AccountScope } from '../arns';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';
import type { ResourceNames } from '../resources';

/** Receives before a message moves to its DLQ (the design's "DLQ: 5 retries"). */
export const MAX_RECEIVE_COUNT = 5;
/** Long enough for the slowest worker step; the Lambda timeout must stay below it. */
export const VISIBILITY_TIMEOUT_SECONDS = 180;
/** DLQs keep messages as long as SQS allows, for post-mortems. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

export interface QueueSpec {
  name: string;
  attributes: Partial<Record<QueueAttributeName, string>>;
}

/**
 * The four queues, dead-letter queues first: a redrive policy may only point at a
 * queue that exists. SSE is on everywhere except the rate-limiter queue, the one the
 * posture check is meant to find. Pure.
 */
export function buildQueueSpecs(
  scope: AccountScope,
  queues: ResourceNames['queues'],
): QueueSpec[] {
  const fifo = (name: string) => name.endsWith('.fifo');
  const dlq = (name: string): QueueSpec => ({
    name,
    attributes: {
      ...(fifo(name) ? { FifoQueue: 'true' } : {}),
      MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS),
      SqsManagedSseEnabled: 'true',
    },
  });
  const main = (name: string, dlqName: string, sse: boolean): QueueSpec => ({
    name,
    attributes: {
      ...(fifo(name)
        ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' }
        : {}),
      VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: sqsQueueArn(scope, dlqName),
        maxReceiveCount: MAX_RECEIVE_COUNT,
      }),
      SqsManagedSseEnabled: String(sse),
    },
  });
  return [
    dlq(queues.workflowsDlq),
    dlq(queues.rateLimiterDlq),
    main(queues.workflows, queues.workflowsDlq, true),
    main(queues.rateLimiter, queues.rateLimiterDlq, false),
  ];
}

/** FifoQueue can only be given at creation; SetQueueAttributes rejects it. */
function mutableAttributes(spec: QueueSpec): QueueSpec['attributes'] {
  const { FifoQueue: _immutable, ...rest } = spec.attributes;
  return rest;
}

async function queueUrl(
  ctx: SeedContext,
  name: string,
): Promise<string | undefined> {
  try {
    const res = await ctx.clients.sqs.send(
      new GetQueueUrlCommand({ QueueName: name }),
    );
    return res.QueueUrl;
  } catch (err) {
    if (
      isAwsError(
        err,
        'QueueDoesNotExist',
        'AWS.SimpleQueueService.NonExistentQueue',
      )
    ) {
      return undefined;
    }
    throw err;
  }
}

export const sqsStep: SeedStep = {
  name: 'sqs',
  async run(ctx) {
    const report = emptyReport('sqs');
    for (const spec of buildQueueSpecs(ctx, ctx.resources.queues)) {
      const url = await queueUrl(ctx, spec.name);
      if (url) {
        // Puts a remediated queue (e.g. SSE switched on) back into the story.
        await ctx.clients.sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: url,
            Attributes: mutableAttributes(spec),
          }),
        );
        report.existing.push(`queue ${spec.name}`);
      } else {
        await ctx.clients.sqs.send(
          new CreateQueueCommand({
            QueueName: spec.name,
            Attributes: spec.attributes,
          }),
        );
        report.created.push(`queue ${spec.name}`);
      }
    }
    return report;
  },
};
