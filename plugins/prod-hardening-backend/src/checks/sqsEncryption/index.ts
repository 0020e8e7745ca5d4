import { freeFix } from '../PostureCheck';
import type { ProdHardeningConfig } from '../../config';
import type { CheckBinding, PostureCheck } from '../PostureCheck';
import { evaluateSqsEncryption, QueueEncryptionFacts } from './evaluate';
import { sqsEncryptionMeta } from './meta';
import { planQueueEncryption } from './plan';

/** The seed's queues: the workflows and rate-limiter queues and their DLQs. */
function seedQueueNames({ resources: { queues } }: ProdHardeningConfig) {
  return [
    queues.workflows,
    queues.workflowsDlq,
    queues.rateLimiter,
    queues.rateLimiterDlq,
  ];
}

const seedQueueEncryption = async ({ sources, config }: CheckBinding) => ({
  queues: await Promise.all(
    seedQueueNames(config).map(q => sources.sqs.getEncryption(q)),
  ),
});

/** The seed's queues encrypted at rest; fixed with SQS-managed SSE. */
export const sqsEncryptionCheck = {
  meta: sqsEncryptionMeta,
  facts: seedQueueEncryption,
  evaluate: evaluateSqsEncryption,
  remediation: {
    resourceId: config => `sqs/${seedQueueNames(config).join(',')}`,
    state: seedQueueEncryption,
    plan: planQueueEncryption,
    cost: freeFix<QueueEncryptionFacts>(
      'SQS-managed encryption keys cost nothing.',
    ),
  },
} satisfies PostureCheck<QueueEncryptionFacts>;
