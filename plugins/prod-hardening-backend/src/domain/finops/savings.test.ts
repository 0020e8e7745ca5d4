import { addDays, eachDay } from './dates';
import {
  measureSavings,
  savingsTargetOf,
  SavingsDailyCost,
  SAVINGS_SETTLING_DAYS,
} from './savings';

/** $`before` a day until the change, $`after` from it on, for one target. */
function series(
  target: SavingsDailyCost['target'],
  from: string,
  to: string,
  changeDay: string,
  beforeUsd: number,
  afterUsd: number,
): SavingsDailyCost[] {
  return eachDay(from, to).map(day => ({
    day,
    target,
    amountMicros: (day < changeDay ? beforeUsd : afterUsd) * 1_000_000,
  }));
}

const coverage = { from: '2026-08-30', to: '2026-11-27' };
const changeDay = '2026-10-28';

describe('savingsTargetOf', () => {
  it('counts NAT Gateway data and hours, and DynamoDB storage only', () => {
    expect(savingsTargetOf('EC2 - Other', 'USE1-NatGateway-Bytes')).toBe(
      'vpc-endpoints-nat',
    );
    expect(savingsTargetOf('EC2 - Other', 'EU-NatGateway-Hours')).toBe(
      'vpc-endpoints-nat',
    );
    expect(
      savingsTargetOf('Amazon DynamoDB', 'USE1-TimedStorage-ByteHrs'),
    ).toBe('dynamodb-ttl-storage');
    // S3 storage has the same usage type name: it must not count towards TTL.
    expect(
      savingsTargetOf('Amazon Simple Storage Service', 'TimedStorage-ByteHrs'),
    ).toBeUndefined();
    expect(savingsTargetOf('EC2 - Other', 'USE1-EBS:VolumeUsage.gp3')).toBe(
      undefined,
    );
  });
});

describe('measureSavings', () => {
  const rows = [
    ...series('vpc-endpoints-nat', coverage.from, coverage.to, changeDay, 4, 3),
    ...series(
      'dynamodb-ttl-storage',
      coverage.from,
      coverage.to,
      changeDay,
      1,
      0.8,
    ),
  ];

  it('compares 30 days before the change with the 30 most recent days', () => {
    const [nat, ttl] = measureSavings({ rows, changeDay, coverage });
    expect(nat).toMatchObject({
      id: 'vpc-endpoints-nat',
      goalPercent: 20,
      status: 'met',
      reductionPercent: 25,
      monthlySavingMicros: 30_000_000,
      baseline: {
        from: '2026-09-28',
        to: '2026-10-27',
        days: 30,
        dailyAverageMicros: 4_000_000,
      },
      current: {
        from: '2026-10-29',
        to: '2026-11-27',
        days: 30,
        dailyAverageMicros: 3_000_000,
      },
    });
    expect(ttl).toMatchObject({
      id: 'dynamodb-ttl-storage',
      goalPercent: 30,
      status: 'behind',
      reductionPercent: 20,
    });
    expect(ttl.explanation).toContain('goal 30%');
  });

  it('is provisional in the first week after the change', () => {
    const recent = addDays(coverage.to, -(SAVINGS_SETTLING_DAYS - 2));
    const [nat] = measureSavings({
      rows: series(
        'vpc-endpoints-nat',
        coverage.from,
        coverage.to,
        recent,
        4,
        2,
      ),
      changeDay: recent,
      coverage,
    });
    expect(nat.status).toBe('measuring');
    expect(nat.current?.days).toBe(SAVINGS_SETTLING_DAYS - 1);
    expect(nat.reductionPercent).toBe(50);
  });

  it('says so when the change is after the last complete day', () => {
    const [nat] = measureSavings({
      rows,
      changeDay: addDays(coverage.to, 1),
      coverage,
    });
    expect(nat.status).toBe('measuring');
    expect(nat.current).toBeUndefined();
  });

  it('reports a rise as a negative reduction, behind the goal', () => {
    const [nat] = measureSavings({
      rows: series(
        'vpc-endpoints-nat',
        coverage.from,
        coverage.to,
        changeDay,
        2,
        3,
      ),
      changeDay,
      coverage,
    });
    expect(nat.status).toBe('behind');
    expect(nat.reductionPercent).toBe(-50);
  });

  it('has nothing to measure without a baseline cost', () => {
    const [nat, ttl] = measureSavings({
      rows: series(
        'vpc-endpoints-nat',
        changeDay,
        coverage.to,
        changeDay,
        0,
        3,
      ),
      changeDay,
      coverage,
    });
    expect(nat.status).toBe('no-data');
    expect(ttl.status).toBe('no-data');
    expect(nat.explanation).toContain('no EC2 - Other');
  });

  it('clips the baseline to the cost history', () => {
    const early = addDays(coverage.from, 10);
    const [nat] = measureSavings({
      rows: series(
        'vpc-endpoints-nat',
        coverage.from,
        coverage.to,
        early,
        4,
        3,
      ),
      changeDay: early,
      coverage,
    });
    expect(nat.baseline).toMatchObject({ from: coverage.from, days: 10 });
    expect(nat.baseline?.dailyAverageMicros).toBe(4_000_000);
  });

  it('asks for the change day when it is not configured', () => {
    const targets = measureSavings({ rows, coverage });
    expect(targets.map(t => t.status)).toEqual([
      'not-configured',
      'not-configured',
    ]);
    expect(targets[0].explanation).toContain(
      'prodHardening.finops.savingsChangeDay',
    );
  });

  it('waits for Cost Explorer when it has never been read', () => {
    expect(measureSavings({ rows: [], changeDay })[0].status).toBe('no-data');
  });
});
