import {
  buildCostAndUsageResult,
  buildUsageTypeResult,
  storySavingsChangeDay,
  storyServiceCosts,
  storyUsageTypeCosts,
  STORY_SERVICES,
  STORY_USAGE_TYPES,
  COST_EXPLORER_DAYS,
} from './costExplorer';

const now = new Date('2026-11-28T10:00:00Z');
const cents = (amount: string) => Math.round(Number(amount) * 100);

describe('the Cost Explorer story', () => {
  it('breaks EC2 - Other and DynamoDB into usage types that add up to the cent', () => {
    const services = storyServiceCosts(now);
    const usage = storyUsageTypeCosts(now);
    for (const service of Object.keys(STORY_USAGE_TYPES)) {
      for (const row of services.filter(r => r.service === service)) {
        const parts = usage
          .filter(u => u.day === row.day && u.service === service)
          .reduce((sum, u) => sum + cents(u.amount), 0);
        expect(parts).toBe(cents(row.amount));
      }
    }
    expect(services).toHaveLength(COST_EXPLORER_DAYS * STORY_SERVICES.length);
  });

  it('plans each breakdown to its service figure before the change', () => {
    for (const [service, parts] of Object.entries(STORY_USAGE_TYPES)) {
      const planned = STORY_SERVICES.find(s => s.service === service)!.usd;
      const total = parts.reduce((sum, p) => sum + p.usd, 0);
      expect(total).toBeCloseTo(planned, 6);
    }
  });

  it('drops NAT Gateway cost by about a quarter and DynamoDB storage by about a fifth after the change day', () => {
    const changeDay = storySavingsChangeDay(now);
    expect(changeDay).toBe('2026-10-29');
    const usage = storyUsageTypeCosts(now);
    const average = (match: RegExp, after: boolean) => {
      const rows = usage.filter(
        u =>
          match.test(u.usageType) &&
          (after ? u.day >= changeDay : u.day < changeDay),
      );
      const days = new Set(rows.map(r => r.day)).size;
      return rows.reduce((sum, r) => sum + Number(r.amount), 0) / days;
    };
    const nat = 1 - average(/NatGateway/, true) / average(/NatGateway/, false);
    const storage =
      1 - average(/TimedStorage/, true) / average(/TimedStorage/, false);
    expect(nat).toBeGreaterThan(0.2);
    expect(nat).toBeLessThan(0.3);
    expect(storage).toBeGreaterThan(0.15);
    expect(storage).toBeLessThan(0.3);
  });

  it('answers in Cost Explorer’s shape, one result per day, grouped as requested', () => {
    const byService = buildCostAndUsageResult(now);
    const byUsage = buildUsageTypeResult(now);
    expect(byService.ResultsByTime).toHaveLength(COST_EXPLORER_DAYS);
    expect(byUsage.GroupDefinitions.map(g => g.Key)).toEqual([
      'SERVICE',
      'USAGE_TYPE',
    ]);
    expect(byUsage.ResultsByTime[0].Groups[0].Keys).toHaveLength(2);
  });
});
