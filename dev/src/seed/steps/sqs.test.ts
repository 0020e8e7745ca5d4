import { buildQueueSpecs, MAX_RECEIVE_COUNT } from './sqs';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const specs = buildQueueSpecs(scope, {
  workflows: 'huntaze-hybrid-workflows.fifo',
  workflowsDlq: 'huntaze-hybrid-workflows-dlq.fifo',
  rateLimiter: 'huntaze-rate-limiter-queue',
  rateLimiterDlq: 'huntaze-rate-limiter-dlq',
});
const byName = Object.fromEntries(specs.map(s => [s.name, s.attributes]));

describe('buildQueueSpecs', () => {
  it('creates the dead-letter queues before the queues that redrive to them', () => {
    const order = specs.map(s => s.name);
    expect(order.indexOf('huntaze-hybrid-workflows-dlq.fifo')).toBeLessThan(
      order.indexOf('huntaze-hybrid-workflows.fifo'),
    );
    expect(order.indexOf('huntaze-rate-limiter-dlq')).toBeLessThan(
      order.indexOf('huntaze-rate-limiter-queue'),
    );
  });

  it('redrives each main queue to its own DLQ after 5 receives', () => {
    expect(
      JSON.parse(byName['huntaze-hybrid-workflows.fifo'].RedrivePolicy!),
    ).toEqual({
      deadLetterTargetArn:
        'arn:aws:sqs:us-east-1:123456789012:huntaze-hybrid-workflows-dlq.fifo',
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(
      JSON.parse(byName['huntaze-rate-limiter-queue'].RedrivePolicy!),
    ).toEqual({
      deadLetterTargetArn:
        'arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-dlq',
      maxReceiveCount: 5,
    });
  });

  it('makes both workflow queues FIFO and gives main queues a 180 s visibility timeout', () => {
    expect(byName['huntaze-hybrid-workflows.fifo'].FifoQueue).toBe('true');
    expect(byName['huntaze-hybrid-workflows-dlq.fifo'].FifoQueue).toBe('true');
    expect(byName['huntaze-rate-limiter-queue'].FifoQueue).toBeUndefined();
    expect(byName['huntaze-hybrid-workflows.fifo'].VisibilityTimeout).toBe(
      '180',
    );
    expect(byName['huntaze-rate-limiter-queue'].VisibilityTimeout).toBe('180');
  });

  it('leaves server-side encryption off only on the rate-limiter queue', () => {
    const sseOff = specs.filter(
      s => s.attributes.SqsManagedSseEnabled === 'false',
    );
    expect(sseOff.map(s => s.name)).toEqual(['huntaze-rate-limiter-queue']);
  });
});
