import calculateSlot from 'cluster-key-slot';
import { DecisionBatcher, splitIntoBatches } from './decisionBatcher';

const item = (key: string, n: number) => ({ key, n });

describe('splitIntoBatches', () => {
  it('keeps every decision, in order, in calls of at most the batch size', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(`k${i % 3}`, i));
    const batches = splitIntoBatches(items, 4);
    expect(batches.map(b => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(items);
  });

  it('puts keys of different groups in different calls and keeps each key in order', () => {
    const keys = [
      'rate:{a}',
      'rate:{b}',
      'rate:{a}',
      'rate:{c}',
      'rate:{b}',
      'rate:{a}',
    ];
    const items = keys.map((key, n) => item(key, n));
    const batches = splitIntoBatches(items, 2, calculateSlot);
    for (const batch of batches) {
      expect(new Set(batch.map(i => calculateSlot(i.key))).size).toBe(1);
      expect(batch.length).toBeLessThanOrEqual(2);
    }
    expect(batches.flat()).toHaveLength(items.length);
    for (const key of new Set(keys)) {
      const order = batches
        .flat()
        .filter(i => i.key === key)
        .map(i => i.n);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // {a} appears first, so its calls go out first
    expect(batches[0].map(i => i.n)).toEqual([0, 2]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => splitIntoBatches([], 0)).toThrow(RangeError);
    expect(
      () => new DecisionBatcher({ send: async () => [], maxBatchSize: 1.5 }),
    ).toThrow(RangeError);
  });
});

describe('DecisionBatcher', () => {
  it('sends the decisions asked for at once in one call and answers each its own reply', async () => {
    const calls: [string[], number[]][] = [];
    const batcher = new DecisionBatcher({
      maxBatchSize: 64,
      send: async (keys, nows) => {
        calls.push([keys, nows]);
        return nows.map(now => now * 10);
      },
    });
    const replies = await Promise.all(
      [1, 2, 3].map(n => batcher.decide(`k${n}`, n)),
    );
    expect(replies).toEqual([10, 20, 30]);
    expect(calls).toEqual([
      [
        ['k1', 'k2', 'k3'],
        [1, 2, 3],
      ],
    ]);
    // the next turn is a new call
    await expect(batcher.decide('k4', 4)).resolves.toBe(40);
    expect(calls).toHaveLength(2);
  });

  it('fails every decision of a call that fails, and only those', async () => {
    const batcher = new DecisionBatcher({
      maxBatchSize: 2,
      send: async keys => {
        if (keys.includes('bad')) throw new Error('connection lost');
        return keys.map(() => 1);
      },
    });
    const results = await Promise.allSettled(
      ['ok1', 'ok2', 'bad', 'x'].map(key => batcher.decide(key, 0)),
    );
    expect(results.map(r => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
  });

  it('fails the call when the script answers the wrong number of replies', async () => {
    const batcher = new DecisionBatcher({
      maxBatchSize: 8,
      send: async () => [1],
    });
    const results = await Promise.allSettled([
      batcher.decide('a', 0),
      batcher.decide('b', 0),
    ]);
    expect(results.every(r => r.status === 'rejected')).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(
      /1 replies for 2/,
    );
  });

  it('fails the decisions when sending throws synchronously', async () => {
    const batcher = new DecisionBatcher({
      maxBatchSize: 8,
      send: () => {
        throw new Error('not connected');
      },
    });
    await expect(batcher.decide('a', 0)).rejects.toThrow('not connected');
  });
});
