import type { AuditorService } from '@backstage/backend-plugin-api';
import type { AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import type { RedisConnection } from '../../redis';
import { CloudWatchSource } from '../../sources/cloudWatch';
import { RateLimiterMetricsSource } from '../../sources/rateLimiterMetrics';
import { SqsSource } from '../../sources/sqs';
import type { RemediationStore } from '../remediation/RemediationStore';
import { DlqRedriveService } from './DlqRedriveService';
import { ThrottlingService } from './ThrottlingService';

export interface ThrottlingFeature {
  throttling: ThrottlingService;
  redrive: DlqRedriveService;
}

/** The Throttling tab's services: Redis metrics and DLQ reads, and the guarded redrive. */
export async function createThrottlingFeature(options: {
  config: ProdHardeningConfig;
  aws: AwsClientFactory;
  redis: RedisConnection;
  /** The remediation history and locks: a redrive is a change to the account like any other. */
  store: RemediationStore;
  auditor: AuditorService;
}): Promise<ThrottlingFeature> {
  const { config, aws, redis, store, auditor } = options;
  const queues = config.resources.queues;
  const sqs = new SqsSource(aws);
  const throttling = new ThrottlingService({
    metrics: new RateLimiterMetricsSource(redis, {
      metricsKeyPrefix: config.rateLimiter.metricsKeyPrefix,
      limiterKeyPrefix: config.rateLimiter.keyPrefix,
      connectWaitMs: config.redis.connectTimeoutMs,
    }),
    sqs,
    cloudWatch: new CloudWatchSource(aws),
    deadLetterQueueName: queues.rateLimiterDlq,
    endpoint: config.aws.endpoint,
  });
  const redrive = new DlqRedriveService({
    aws,
    reader: sqs,
    store,
    auditor,
    queueName: queues.rateLimiter,
    deadLetterQueueName: queues.rateLimiterDlq,
    endpoint: config.aws.endpoint,
    onChanged: () => throttling.invalidateDeadLetterQueue(),
    deadlineMs: config.remediation.deadlineMs,
  });
  return { throttling, redrive };
}
