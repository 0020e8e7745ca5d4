import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

/** The AWS managed SNS key: encrypts, but its key policy cannot be changed. */
export const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

export interface TopicEncryptionFacts {
  topics: Array<{
    name: string;
    arn: string;
    found: boolean;
    kmsMasterKeyId?: string;
  }>;
}

const isAwsManagedKey = (keyId: string) =>
  keyId === AWS_MANAGED_SNS_KEY || keyId.endsWith(`:${AWS_MANAGED_SNS_KEY}`);

/**
 * Every seed topic receives messages from AWS services (Budgets, CloudWatch alarms,
 * EventBridge). Those can publish to an encrypted topic only when the key policy lets
 * them use the key, which the AWS managed key never does: such a topic is encrypted
 * but silently drops their alerts, so it is a warning, not a pass.
 */
export function evaluateTopicEncryption(f: TopicEncryptionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.topics.map(t => {
    const base = { resourceId: t.arn, resourceType: 'AwsSnsTopic' };
    if (!t.found)
      return { ...base, status: 'WARN', evidence: 'topic not found' };
    if (!t.kmsMasterKeyId) {
      return {
        ...base,
        status: 'FAIL',
        evidence: 'KmsMasterKeyId unset: not encrypted at rest',
      };
    }
    if (isAwsManagedKey(t.kmsMasterKeyId)) {
      return {
        ...base,
        status: 'WARN',
        evidence: `KmsMasterKeyId=${t.kmsMasterKeyId}: AWS services cannot publish with the AWS managed key, their alerts are dropped`,
      };
    }
    return {
      ...base,
      status: 'PASS',
      evidence: `KmsMasterKeyId=${t.kmsMasterKeyId}`,
    };
  });
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${countBy(resources, 'PASS')} of ${
      f.topics.length
    } alert topics are encrypted with a key AWS services may publish with.`,
    resources,
  };
}
