import {
  TransactWriteCommand,
  BatchWriteCommand,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { EnhancedCostMonitoring } from './EnhancedCostMonitoring';
import { CostLedgerWriteError } from './errors';

// The emulator never returns UnprocessedItems, so this stands in for a throttled table.
type WriteRequests = NonNullable<
  BatchWriteCommandInput['RequestItems']
>[string];

function throttlingClient(unprocessedPerCall: number[]) {
  const sent: WriteRequests[] = [];
  let call = 0;
  return {
    sent,
    async send(command: unknown): Promise<Partial<BatchWriteCommandOutput>> {
      if (!(command instanceof BatchWriteCommand)) return {};
      const requests = Object.values(command.input.RequestItems ?? {})[0];
      sent.push(requests);
      const keep = unprocessedPerCall[call++] ?? 0;
      return keep > 0
        ? { UnprocessedItems: { 'ai-costs': requests.slice(-keep) } }
        : { UnprocessedItems: {} };
    },
  };
}

const NOW = new Date('2026-11-16T12:00:00Z');
const entries = Array.from({ length: 25 }, () => ({
  provider: 'openai' as const,
  agent: 'content',
  model: 'gpt-4o',
  amountMicros: 10,
}));

function monitor(
  client: ReturnType<typeof throttlingClient>,
  slept: number[],
  rollups: 'deferred' | 'incremental' = 'deferred',
) {
  return new EnhancedCostMonitoring({
    dynamoDb: client as never,
    tables: { aiCosts: 'ai-costs' },
    now: () => NOW,
    sleep: async ms => void slept.push(ms),
    random: () => 1,
    rollups,
    batching: { maxRetries: 3, baseDelayMs: 50 },
  });
}

describe('UnprocessedItems', () => {
  it('re-sends only the unprocessed items, backing off exponentially', async () => {
    const client = throttlingClient([10, 4, 0]);
    const slept: number[] = [];
    const stored = await monitor(client, slept).trackCosts(entries);
    expect(stored).toHaveLength(25);
    expect(client.sent.map(r => r.length)).toEqual([25, 10, 4]);
    expect(slept).toEqual([50, 100]);
  });

  it('rejects the entries still unprocessed after the last retry and resolves the rest', async () => {
    const client = throttlingClient([2, 2, 2, 2]);
    const slept: number[] = [];
    const m = monitor(client, slept);
    const results = await Promise.allSettled(entries.map(e => m.trackCost(e)));
    const rejected = results.filter(r => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    const reason = (rejected[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(CostLedgerWriteError);
    const lastSent = client.sent[3].map(r => r.PutRequest?.Item?.entryId);
    expect(reason.unprocessedEntryIds).toEqual(lastSent);
    expect(client.sent).toHaveLength(4);
    expect(slept).toEqual([50, 100, 200]);
  });
});

/** Cancels the first `conflicts` transactions as DynamoDB does under contention. */
function contendedClient(conflicts: number) {
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    async send(command: unknown): Promise<unknown> {
      if (!(command instanceof TransactWriteCommand)) return {};
      sent++;
      if (sent <= conflicts) {
        const items = command.input.TransactItems ?? [];
        throw Object.assign(new Error('Transaction cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: items.map((_, i) => ({
            Code: i === items.length - 1 ? 'TransactionConflict' : 'None',
          })),
        });
      }
      return {};
    },
  };
}

describe('named entries under contention', () => {
  const named = entries.map((e, i) => ({ ...e, entryId: `n${i}` }));

  it('sends the transaction again after a conflict, backing off', async () => {
    const client = contendedClient(2);
    const slept: number[] = [];
    const stored = await monitor(
      client as never,
      slept,
      'incremental',
    ).trackCosts(named);
    expect(stored).toHaveLength(25);
    expect(client.sent).toBe(3);
    expect(slept).toEqual([50, 100]);
  });

  it('rejects with the entry ids once the retries are spent', async () => {
    const client = contendedClient(10);
    const slept: number[] = [];
    const result = monitor(client as never, slept, 'incremental').trackCosts(
      named,
    );
    await expect(result).rejects.toBeInstanceOf(CostLedgerWriteError);
    await expect(result).rejects.toMatchObject({
      unprocessedEntryIds: named.map(e => e.entryId),
    });
    expect(client.sent).toBe(4);
  });
});
