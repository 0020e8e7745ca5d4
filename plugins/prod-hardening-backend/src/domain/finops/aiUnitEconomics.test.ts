import type { AiLedgerRow } from '@prod-hardening/plugin-prod-hardening-common';
import { computeAiUnitEconomics, toUsage } from './aiUnitEconomics';

const NOW = new Date('2025-03-17T09:00:00Z'); // weeks 03-03..03-09 and 03-10..03-16

const row = (
  day: string,
  provider: string,
  agent: string,
  model: string,
  amountMicros: number,
  inputTokens: number,
  outputTokens: number,
  requests: number,
): AiLedgerRow => ({
  day,
  provider,
  agent,
  model,
  amountMicros,
  inputTokens,
  outputTokens,
  requests,
});

const LEDGER: AiLedgerRow[] = [
  row(
    '2025-03-04',
    'openai',
    'content',
    'gpt-4',
    3_000_000,
    40_000,
    20_000,
    100,
  ),
  row(
    '2025-03-11',
    'openai',
    'content',
    'gpt-4',
    4_500_000,
    50_000,
    25_000,
    150,
  ),
  row('2025-03-12', 'azure', 'chatbot', 'gpt-4', 1_000_000, 8_000, 2_000, 50),
  row(
    '2025-03-05',
    'openai',
    'chatbot',
    'gpt-3.5-turbo',
    200_000,
    300_000,
    100_000,
    400,
  ),
  row(
    '2025-03-13',
    'openai',
    'chatbot',
    'gpt-3.5-turbo',
    100_000,
    150_000,
    50_000,
    250,
  ),
  row('2025-03-17', 'openai', 'content', 'gpt-4', 99_000_000, 1, 1, 1), // today: not complete
  row('2025-02-28', 'openai', 'content', 'gpt-4', 99_000_000, 1, 1, 1), // before both weeks
];

describe('computeAiUnitEconomics', () => {
  const result = computeAiUnitEconomics({ now: NOW, rows: LEDGER });

  it('prices gpt-4 at OpenAI at $0.05 then $0.06 per 1k tokens (+20%) and $0.03 per request (0%)', () => {
    const gpt4 = result.byModel.find(r => r.key === 'openai/gpt-4')!;
    expect(gpt4.previous).toEqual({
      costMicros: 3_000_000,
      inputTokens: 40_000,
      outputTokens: 20_000,
      requests: 100,
      costPer1kTokensMicros: 50_000,
      costPerRequestMicros: 30_000,
      tokensPerRequest: 600,
    });
    expect(gpt4.current.costPer1kTokensMicros).toBe(60_000);
    expect(gpt4.current.costPerRequestMicros).toBe(30_000);
    expect(gpt4.costPer1kTokensChangePercent).toBeCloseTo(20, 10);
    expect(gpt4.costPerRequestChangePercent).toBe(0);
    expect(gpt4.costChangePercent).toBe(50);
  });

  it('keeps the same model at two providers apart', () => {
    expect(result.byModel.map(r => r.key)).toEqual([
      'openai/gpt-4',
      'azure/gpt-4',
      'openai/gpt-3.5-turbo',
    ]);
  });

  it('has no change for an item without a previous week', () => {
    const azure = result.byProvider.find(r => r.key === 'azure')!;
    expect(azure.previous.costPerRequestMicros).toBeNull();
    expect(azure.costPerRequestChangePercent).toBeNull();
    expect(azure.costChangePercent).toBeNull();
    expect(azure.current.costPer1kTokensMicros).toBe(100_000);
  });

  it('computes agents over all their models and providers', () => {
    const chatbot = result.byAgent.find(r => r.key === 'chatbot')!;
    // 1,100,000 micro-dollars over 210,000 tokens and 300 requests
    expect(chatbot.current.costMicros).toBe(1_100_000);
    expect(chatbot.current.costPer1kTokensMicros).toBeCloseTo(
      (1_100_000 / 210_000) * 1000,
      9,
    );
    expect(chatbot.current.costPerRequestMicros).toBeCloseTo(
      1_100_000 / 300,
      9,
    );
    // previous: 200,000 over 400,000 tokens and 400 requests → 500 and 500
    expect(chatbot.costPerRequestChangePercent).toBeCloseTo(
      ((1_100_000 / 300 - 500) / 500) * 100,
      9,
    );
  });

  it('totals the ledger for both weeks, ignoring today and older rows', () => {
    expect(result.total.current).toMatchObject({
      costMicros: 5_600_000,
      inputTokens: 208_000,
      outputTokens: 77_000,
      requests: 450,
    });
    expect(result.total.previous).toMatchObject({
      costMicros: 3_200_000,
      requests: 500,
    });
    expect(result.periods.current).toEqual({
      from: '2025-03-10',
      to: '2025-03-16',
      days: 7,
    });
  });

  it('sorts each table by this week’s cost', () => {
    expect(result.byProvider.map(r => r.key)).toEqual(['openai', 'azure']);
    expect(result.byAgent.map(r => r.key)).toEqual(['content', 'chatbot']);
  });

  it('refuses negative or fractional token counts', () => {
    expect(() =>
      computeAiUnitEconomics({
        now: NOW,
        rows: [row('2025-03-11', 'openai', 'content', 'gpt-4', 1, -5, 0, 1)],
      }),
    ).toThrow(/inputTokens must be a whole number/);
    expect(() =>
      computeAiUnitEconomics({
        now: NOW,
        rows: [row('2025-03-11', 'openai', 'content', 'gpt-4', 1, 0, 0, 1.5)],
      }),
    ).toThrow(/requests must be a whole number/);
  });
});

describe('toUsage', () => {
  it('has no unit costs without tokens or requests', () => {
    expect(
      toUsage({ costMicros: 5, inputTokens: 0, outputTokens: 0, requests: 0 }),
    ).toMatchObject({
      costPer1kTokensMicros: null,
      costPerRequestMicros: null,
      tokensPerRequest: null,
    });
  });
});
