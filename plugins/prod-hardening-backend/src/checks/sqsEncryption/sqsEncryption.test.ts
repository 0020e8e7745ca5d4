import { evaluateSqsEncryption } from './evaluate';
import { planQueueEncryption } from './plan';

describe('sqs-encryption', () => {
  it('accepts SQS-managed or KMS encryption', () => {
    const q = { name: 'q', found: true, sqsManagedSse: false };
    expect(
      evaluateSqsEncryption({ queues: [{ ...q, sqsManagedSse: true }] }).status,
    ).toBe('PASS');
    expect(
      evaluateSqsEncryption({ queues: [{ ...q, kmsKeyId: 'alias/aws/sqs' }] })
        .status,
    ).toBe('PASS');
    expect(evaluateSqsEncryption({ queues: [q] }).status).toBe('FAIL');
  });

  it('keeps KMS-encrypted queues as they are', () => {
    const plan = planQueueEncryption({
      queues: [
        {
          name: 'kms',
          url: 'u1',
          found: true,
          sqsManagedSse: false,
          kmsKeyId: 'alias/k',
        },
        { name: 'plain', url: 'u2', found: true, sqsManagedSse: false },
      ],
    });
    expect(plan.calls).toEqual([
      {
        service: 'sqs',
        action: 'SetQueueAttributes',
        params: {
          QueueUrl: 'u2',
          Attributes: { SqsManagedSseEnabled: 'true' },
        },
      },
    ]);
  });
});
