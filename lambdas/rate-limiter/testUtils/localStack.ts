import { SQSClient, ReceiveMessageCommand, Message } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { loadConfig, RateLimiterConfig } from '../src/config';
import {
  createDependencies,
  Dependencies,
  DependencyOverrides,
} from '../src/dependencies';
import type { LocalQueues } from '../local/queues';

export const testCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export function awsClients(endpoint: string) {
  const config = {
    region: 'us-east-1',
    endpoint,
    credentials: testCredentials,
    maxAttempts: 1,
  };
  return {
    sqs: new SQSClient(config),
    secretsManager: new SecretsManagerClient(config),
  };
}

export const silentLogger = () =>
  new Logger({ serviceName: 'rate-limiter', logLevel: 'SILENT' });

/** A full configuration pointing at local servers, with env-style overrides. */
export function localConfig(options: {
  redisUrl: string;
  motoEndpoint: string;
  queues: LocalQueues;
  apiUrl: string;
  env?: Record<string, string>;
}): RateLimiterConfig {
  return loadConfig({
    REDIS_URL: options.redisUrl,
    QUEUE_URL: options.queues.queueUrl,
    DLQ_URL: options.queues.deadLetterQueueUrl,
    AWS_ENDPOINT_URL: options.motoEndpoint,
    MESSAGING_API_BASE_URL: options.apiUrl,
    MESSAGING_API_TOKEN: 'local-token',
    MESSAGING_API_TIMEOUT_MS: '1000',
    DEFER_JITTER_MS: '0',
    ...options.env,
  });
}

export async function localDependencies(
  config: RateLimiterConfig,
  overrides: DependencyOverrides & { sqs: SQSClient },
): Promise<Dependencies> {
  return createDependencies(config, { logger: silentLogger(), ...overrides });
}

let sqsIds = 0;

/** An SQS record as Lambda delivers it. */
export function sqsRecord(
  body: unknown,
  options: {
    receiveCount?: number;
    attributes?: Record<string, string>;
    id?: string;
  } = {},
): SQSRecord {
  const id = options.id ?? `sqs-${++sqsIds}`;
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(options.attributes ?? {}).map(([k, v]) => [
        k,
        {
          dataType: 'String',
          stringValue: v,
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN:
      'arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-queue',
    awsRegion: 'us-east-1',
  };
}

let producerIds = 0;

export function message(
  userId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    messageId: `msg-${++producerIds}`,
    userId,
    fanId: 'fan-1',
    message: 'Hey! Thanks for subscribing',
    timestamp: 1_698_508_800,
    ...overrides,
  };
}

/** Drains whatever is visible on a queue now. */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        // older SQS implementations (and moto) only read the deprecated name
        AttributeNames: ['All'],
        VisibilityTimeout: 60,
      }),
    );
    if (!out.Messages?.length) return all;
    all.push(...out.Messages);
  }
}

export const fakeContext = {} as never;
