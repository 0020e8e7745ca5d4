import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export interface LocalQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

export interface EnsureQueuesOptions {
  /** Queue name (default: the seed's huntaze-rate-limiter-queue). */
  name?: string;
  /**
   * DLQ name. Default: the seed's huntaze-rate-limiter-dlq for the default queue (the
   * name Terraform and app-config use), `<name>-dlq` for any other queue.
   */
  deadLetterQueueName?: string;
  visibilityTimeoutSeconds?: number;
  /** Receives before SQS itself moves a message to the DLQ (seed: 5). */
  maxReceiveCount?: number;
}

/**
 * Creates the rate-limiter queue and its DLQ with the seed's redrive policy
 * (what the Terraform does in a real account). Idempotent.
 */
export async function ensureQueues(
  sqs: SQSClient,
  options: EnsureQueuesOptions = {},
): Promise<LocalQueues> {
  const name = options.name ?? 'huntaze-rate-limiter-queue';
  const dlqName =
    options.deadLetterQueueName ??
    (options.name ? `${name}-dlq` : 'huntaze-rate-limiter-dlq');
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: dlqName }));
  const deadLetterQueueArn = await arnOf(sqs, dlq.QueueUrl!);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetterQueueArn,
          maxReceiveCount: options.maxReceiveCount ?? 5,
        }),
      },
    }),
  );
  return {
    queueUrl: queue.QueueUrl!,
    queueArn: await arnOf(sqs, queue.QueueUrl!),
    deadLetterQueueUrl: dlq.QueueUrl!,
    deadLetterQueueArn,
  };
}

async function arnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  return out.Attributes!.QueueArn!;
}
