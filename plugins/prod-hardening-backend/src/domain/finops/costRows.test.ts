import {
  aiCostByProviderAgent,
  aiDailyCosts,
  sumServiceDailyCosts,
} from './costRows';

describe('sumServiceDailyCosts', () => {
  it('sums a service that appears twice on a day (two pages) and keeps the others apart', () => {
    expect(
      sumServiceDailyCosts([
        { day: '2026-11-01', service: 'Amazon RDS', amountUsd: '10.25' },
        { day: '2026-11-01', service: 'Amazon RDS', amountUsd: '0.000001' },
        { day: '2026-11-01', service: 'AWS Lambda', amountUsd: '1' },
        { day: '2026-11-02', service: 'Amazon RDS', amountUsd: '3' },
      ]),
    ).toEqual([
      { day: '2026-11-01', service: 'Amazon RDS', amountMicros: 10_250_001 },
      { day: '2026-11-01', service: 'AWS Lambda', amountMicros: 1_000_000 },
      { day: '2026-11-02', service: 'Amazon RDS', amountMicros: 3_000_000 },
    ]);
  });
});

describe('aiDailyCosts', () => {
  const row = (
    day: string,
    provider: string,
    agent: string,
    model: string,
    amountMicros: number,
  ) => ({
    day,
    provider,
    agent,
    model,
    amountMicros,
    inputTokens: 1,
    outputTokens: 1,
    requests: 1,
  });

  it('folds models into one row per day, provider and agent, sorted by day, provider, agent', () => {
    expect(
      aiDailyCosts([
        row('2026-11-02', 'openai', 'captions', 'gpt-4o', 5),
        row('2026-11-01', 'openai', 'support', 'gpt-4o', 7),
        row('2026-11-01', 'openai', 'captions', 'gpt-4o', 2),
        row('2026-11-01', 'openai', 'captions', 'gpt-4o-mini', 3),
        row('2026-11-01', 'azure', 'captions', 'gpt-4o', 11),
      ]),
    ).toEqual([
      {
        day: '2026-11-01',
        provider: 'azure',
        agent: 'captions',
        amountMicros: 11,
      },
      {
        day: '2026-11-01',
        provider: 'openai',
        agent: 'captions',
        amountMicros: 5,
      },
      {
        day: '2026-11-01',
        provider: 'openai',
        agent: 'support',
        amountMicros: 7,
      },
      {
        day: '2026-11-02',
        provider: 'openai',
        agent: 'captions',
        amountMicros: 5,
      },
    ]);
  });
});

describe('aiCostByProviderAgent', () => {
  it('sums the days per provider and agent, largest first, ties by name', () => {
    expect(
      aiCostByProviderAgent([
        { day: 'd1', provider: 'openai', agent: 'chatbot', amountMicros: 2 },
        { day: 'd2', provider: 'openai', agent: 'chatbot', amountMicros: 3 },
        { day: 'd1', provider: 'azure', agent: 'content', amountMicros: 4 },
        { day: 'd2', provider: 'azure', agent: 'captions', amountMicros: 4 },
      ]),
    ).toEqual([
      { provider: 'openai', agent: 'chatbot', amountMicros: 5 },
      { provider: 'azure', agent: 'captions', amountMicros: 4 },
      { provider: 'azure', agent: 'content', amountMicros: 4 },
    ]);
  });

  it('is empty without days', () => {
    expect(aiCostByProviderAgent([])).toEqual([]);
  });
});
