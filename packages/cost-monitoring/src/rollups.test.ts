import type { CostLedgerEntry } from './records';
import {
  DAILY_ROLLUP_ATTRIBUTES,
  flushMarkAttribute,
  flushMarks,
  groupForRollup,
  rollupIncrementInput,
} from './rollups';

const entry = (patch: Partial<CostLedgerEntry>): CostLedgerEntry => ({
  pk: 'COST#2026-11-16#openai',
  sk: 'content#gpt-4o#2026-11-16T09:00:00.000Z#e',
  recordType: 'ENTRY',
  entryId: 'e',
  date: '2026-11-16',
  timestamp: '2026-11-16T09:00:00.000Z',
  provider: 'openai',
  agent: 'content',
  model: 'gpt-4o',
  amountMicros: 100,
  inputTokens: 10,
  outputTokens: 5,
  tokens: 15,
  requests: 1,
  ttl: 0,
  ...patch,
});

describe('groupForRollup', () => {
  it('sums amounts, tokens, requests and entries per day, provider, agent and model', () => {
    const groups = groupForRollup([
      entry({ amountMicros: 100 }),
      entry({ amountMicros: 250, requests: 3 }),
      entry({ agent: 'chatbot', amountMicros: 7 }),
      entry({ date: '2026-11-15', amountMicros: 1 }),
    ]);
    expect([...groups.keys()]).toEqual([
      '2026-11-16#openai#content#gpt-4o',
      '2026-11-16#openai#chatbot#gpt-4o',
      '2026-11-15#openai#content#gpt-4o',
    ]);
    expect(groups.get('2026-11-16#openai#content#gpt-4o')).toEqual({
      date: '2026-11-16',
      provider: 'openai',
      agent: 'content',
      model: 'gpt-4o',
      amountMicros: 350,
      inputTokens: 20,
      outputTokens: 10,
      tokens: 30,
      requests: 4,
      entryCount: 2,
    });
  });
});

describe('rollupIncrementInput', () => {
  const sums = groupForRollup([entry({})])
    .values()
    .next().value!;

  it('makes a flush addition conditional on the writer flush mark being lower', () => {
    const input = rollupIncrementInput('t', sums, '2026-11-16T10:00:00.000Z', {
      writerId: 'w1',
      flushSeq: 7,
    });
    expect(input.Key).toEqual({
      pk: 'ROLLUP#DAY',
      sk: '2026-11-16#openai#content#gpt-4o',
    });
    expect(input.UpdateExpression).toContain('#flushMark = :flushSeq');
    expect(input.ConditionExpression).toBe(
      'attribute_not_exists(#flushMark) OR #flushMark < :flushSeq',
    );
    expect(input.ExpressionAttributeNames!['#flushMark']).toBe('flush#w1');
    expect(input.ExpressionAttributeValues![':flushSeq']).toBe(7);
    expect(input.ExpressionAttributeValues![':amount']).toBe(100);
  });

  it('is a plain ADD inside a transaction (entry markers guard it there)', () => {
    const input = rollupIncrementInput('t', sums, '2026-11-16T10:00:00.000Z');
    expect(input.ConditionExpression).toBeUndefined();
    expect(input.UpdateExpression).not.toContain('flushMark');
  });
});

describe('flushMarks', () => {
  it('keeps only the writers flush marks of a stored rollup item', () => {
    expect(
      flushMarks({
        pk: 'ROLLUP#DAY',
        amountMicros: 5,
        [flushMarkAttribute('a')]: 3,
        [flushMarkAttribute('b')]: 9,
      }),
    ).toEqual({ 'flush#a': 3, 'flush#b': 9 });
  });

  it('are not among the attributes a rollup read returns', () => {
    expect(DAILY_ROLLUP_ATTRIBUTES.some(a => a.startsWith('flush#'))).toBe(
      false,
    );
  });
});
