import {
  agentModelPrefix,
  alertPartitionKey,
  costEntryKey,
  costPartitionKey,
  prefixUpperBound,
  rollupKey,
  stableAlertId,
} from './keys';

describe('ledger keys', () => {
  it("keeps the seed's COST#date#provider partition key", () => {
    expect(costPartitionKey('2025-10-28', 'openai')).toBe(
      'COST#2025-10-28#openai',
    );
  });

  it("starts every entry's sort key with the seed's agent#type", () => {
    const key = costEntryKey({
      date: '2025-10-28',
      provider: 'openai',
      agent: 'content',
      model: 'gpt-4',
      timestamp: '2025-10-28T09:15:00.000Z',
      entryId: 'req-1',
    });
    expect(key).toEqual({
      pk: 'COST#2025-10-28#openai',
      sk: 'content#gpt-4#2025-10-28T09:15:00.000Z#req-1',
    });
    expect(key.sk.startsWith(agentModelPrefix('content', 'gpt-4'))).toBe(true);
  });

  it('sorts rollups by day first so a date range is one key range', () => {
    const a = rollupKey({
      date: '2026-11-09',
      provider: 'azure',
      agent: 'x',
      model: 'm',
    });
    const b = rollupKey({
      date: '2026-11-10',
      provider: 'openai',
      agent: 'a',
      model: 'm',
    });
    expect(a).toEqual({ pk: 'ROLLUP#DAY', sk: '2026-11-09#azure#x#m' });
    expect(a.sk < b.sk).toBe(true);
    expect(b.sk <= prefixUpperBound('2026-11-10')).toBe(true);
    expect(prefixUpperBound('2026-11-10') < '2026-11-11').toBe(true);
  });
});

describe('alert keys', () => {
  it('uses ALERT#uuid', () => {
    expect(alertPartitionKey('0a1b')).toBe('ALERT#0a1b');
  });

  it('derives the same UUID for the same budget threshold and period', () => {
    const id = stableAlertId('budget_threshold|2026-11|80');
    expect(id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(stableAlertId('budget_threshold|2026-11|80')).toBe(id);
    expect(stableAlertId('budget_threshold|2026-12|80')).not.toBe(id);
  });
});
