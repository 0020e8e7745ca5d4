import { LIMITER_BOOKKEEPING_ATTRIBUTES } from '@prod-hardening/plugin-prod-hardening-common';
import {
  DEFERRALS_ATTRIBUTE,
  FAILED_ATTEMPTS_ATTRIBUTE,
} from '@prod-hardening/rate-limiter';
import { oldestAgeSeconds } from './dlq';
import { nextBatchSize, planBoundedMove } from './redrive';

describe('bounded DLQ move plan', () => {
  it('copies body and message attributes and maps each copy back to its receipt handle', () => {
    const plan = planBoundedMove([
      {
        messageId: 'm-1',
        receiptHandle: 'rh-1',
        body: '{"messageId":"p-1"}',
        messageAttributes: {
          'dlq-reason': { DataType: 'String', StringValue: 'rejected' },
        },
      },
      {
        messageId: 'm-2',
        receiptHandle: 'rh-2',
        body: 'b',
        messageAttributes: {},
      },
    ]);
    expect(plan.entries).toEqual([
      {
        Id: '0',
        MessageBody: '{"messageId":"p-1"}',
        MessageAttributes: {
          'dlq-reason': { DataType: 'String', StringValue: 'rejected' },
        },
      },
      { Id: '1', MessageBody: 'b' },
    ]);
    expect([...plan.receiptHandleById]).toEqual([
      ['0', 'rh-1'],
      ['1', 'rh-2'],
    ]);
  });

  it("drops the limiter's deferral and failed-attempt counts so a redriven message starts fresh", () => {
    const { entries } = planBoundedMove([
      {
        messageId: 'm-1',
        receiptHandle: 'rh-1',
        body: 'b',
        messageAttributes: {
          deferrals: { DataType: 'Number', StringValue: '100' },
          'failed-attempts': { DataType: 'Number', StringValue: '4' },
          'trace-id': { DataType: 'String', StringValue: 't-1' },
        },
      },
      {
        messageId: 'm-2',
        receiptHandle: 'rh-2',
        body: 'c',
        messageAttributes: {
          deferrals: { DataType: 'Number', StringValue: '3' },
        },
      },
    ]);
    expect(entries).toEqual([
      {
        Id: '0',
        MessageBody: 'b',
        MessageAttributes: {
          'trace-id': { DataType: 'String', StringValue: 't-1' },
        },
      },
      { Id: '1', MessageBody: 'c' },
    ]);
  });

  it('names the same bookkeeping attributes as the rate limiter', () => {
    expect([...LIMITER_BOOKKEEPING_ATTRIBUTES].sort()).toEqual(
      [DEFERRALS_ATTRIBUTE, FAILED_ATTEMPTS_ATTRIBUTE].sort(),
    );
  });

  it('keeps the group and deduplication ids of FIFO messages', () => {
    const { entries } = planBoundedMove([
      {
        messageId: 'm-1',
        receiptHandle: 'rh-1',
        body: 'b',
        attributes: { MessageGroupId: 'creator-1' },
      },
    ]);
    expect(entries[0]).toMatchObject({
      MessageGroupId: 'creator-1',
      MessageDeduplicationId: 'm-1',
    });
  });

  it('never receives more than the bound or more than SQS allows per call', () => {
    expect(nextBatchSize(0, 0, 100)).toBe(10);
    expect(nextBatchSize(95, 2, 100)).toBe(3);
    expect(nextBatchSize(99, 1, 100)).toBe(0);
  });
});

describe('age of the oldest DLQ message from a sample', () => {
  it('uses the earliest SentTimestamp', () => {
    const now = 1_795_000_100_000;
    expect(
      oldestAgeSeconds(['1795000090000', '1795000000000', undefined], now),
    ).toBe(100);
  });

  it('is null for an empty or unreadable sample', () => {
    expect(oldestAgeSeconds([], 1)).toBeNull();
    expect(oldestAgeSeconds(['x'], 1)).toBeNull();
  });
});
