/**
 * `npm run limiter:demo`: live demo traffic for the portal's Throttling tab. On the
 * queues the demo seed created (QUEUE_NAME, DLQ_NAME), it runs the real handler
 * behind the local event source mapping with the stub messaging API, and produces
 * a steady trickle over dozens of creators with bursts that get throttled, plus a
 * few messages the stub rejects at first, which end up in the DLQ to redrive.
 *
 * Environment: REDIS_URL, AWS_ENDPOINT_URL, AWS_REGION, QUEUE_NAME, DLQ_NAME,
 * DEMO_INTERVAL_MS (default 2000), DEMO_REVIEW_MS (default 120000), and any
 * variable of the Lambda. SIGTERM / SIGINT stop it cleanly.
 */
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createLogger } from '../src/logger';
import { DemoTrafficProducer, reviewPeriod } from './demoTraffic';
import { startLocalLambda } from './runner';

async function main() {
  const logger = createLogger({ serviceName: 'rate-limiter-demo' });
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.AWS_ACCESS_KEY_ID ??= 'local';
  env.AWS_SECRET_ACCESS_KEY ??= 'local';
  env.AWS_REGION ??= 'us-east-1';
  Object.assign(process.env, env);
  for (const name of [
    'REDIS_URL',
    'AWS_ENDPOINT_URL',
    'QUEUE_NAME',
    'DLQ_NAME',
  ]) {
    if (!env[name]) throw new Error(`${name} is required`);
  }

  const sqs = new SQSClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
  });
  const urlOf = async (name: string) =>
    (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  const queueUrl = await urlOf(env.QUEUE_NAME!);
  const deadLetterQueueUrl = await urlOf(env.DLQ_NAME!);
  const queueArn = (
    await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['QueueArn'],
      }),
    )
  ).Attributes!.QueueArn!;

  const reviewUntil = Date.now() + Number(env.DEMO_REVIEW_MS ?? 120_000);
  const lambda = await startLocalLambda({
    env,
    sqs,
    queues: { queueUrl, queueArn, deadLetterQueueUrl },
    logger,
    stub: { respond: reviewPeriod(reviewUntil) },
  });
  const producer = new DemoTrafficProducer({
    sqs,
    queueUrl,
    intervalMs: Number(env.DEMO_INTERVAL_MS ?? 2_000),
    onError: error => logger.error('demo producer error', { error }),
  });
  producer.start();
  // Plain stdout, whatever the log level: the local stack waits for this line.
  process.stdout.write(
    `rate-limiter demo traffic running on ${env.QUEUE_NAME} (DLQ ${env.DLQ_NAME})\n`,
  );

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await producer.stop();
    await lambda.stop();
    logger.info('demo traffic stopped', { sent: producer.sent });
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
