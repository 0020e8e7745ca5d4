import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

export interface QueueEncryptionFacts {
  queues: Array<{
    name: string;
    url?: string;
    found: boolean;
    sqsManagedSse: boolean;
    kmsKeyId?: string;
  }>;
}

export function evaluateSqsEncryption(f: QueueEncryptionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.queues.map(q => ({
    resourceId: q.url ?? q.name,
    resourceType: 'AwsSqsQueue',
    status: !q.found ? 'WARN' : q.sqsManagedSse || q.kmsKeyId ? 'PASS' : 'FAIL',
    evidence: q.found
      ? q.kmsKeyId
        ? `KmsMasterKeyId=${q.kmsKeyId}`
        : `SqsManagedSseEnabled=${q.sqsManagedSse}`
      : 'queue not found',
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${countBy(resources, 'PASS')} of ${
      f.queues.length
    } queues are encrypted at rest.`,
    resources,
  };
}

/** The seed's window: keep logs at least 30 days (investigations), at most 90 (cost). */
