import type { PlanBody } from '../../domain/remediation/plans';

export interface QueuesState {
  queues: Array<{
    name: string;
    url?: string;
    found: boolean;
    sqsManagedSse: boolean;
    kmsKeyId?: string;
  }>;
}

export function planQueueEncryption(state: QueuesState): PlanBody {
  const off = state.queues.filter(
    (q): q is QueuesState['queues'][number] & { url: string } =>
      q.found && Boolean(q.url) && !q.sqsManagedSse && !q.kmsKeyId,
  );
  return {
    title: 'Encrypt the seed queues at rest (SQS-managed SSE)',
    calls: off.map(q => ({
      service: 'sqs',
      action: 'SetQueueAttributes',
      params: { QueueUrl: q.url, Attributes: { SqsManagedSseEnabled: 'true' } },
    })),
    current: Object.fromEntries(
      state.queues.map(q => [
        q.name,
        !q.found
          ? 'missing'
          : q.kmsKeyId
          ? `KMS ${q.kmsKeyId}`
          : q.sqsManagedSse
          ? 'SSE-SQS'
          : 'none',
      ]),
    ),
    expected: Object.fromEntries(
      state.queues
        .filter(q => q.found)
        .map(q => [q.name, q.kmsKeyId ? `KMS ${q.kmsKeyId}` : 'SSE-SQS']),
    ),
    risk: 'None: applies to new messages; producers and consumers need no change.',
    reversible: true,
    reversal: 'SetQueueAttributes SqsManagedSseEnabled=false.',
    costNote: 'No cost (SQS-managed keys).',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}
