import type {
  IsoDay,
  MicroUsd,
  SavingsTarget,
  SavingsTargetId,
  SavingsWindow,
} from '@prod-hardening/plugin-prod-hardening-common';
import { addDays, daysBetween } from './dates';

/**
 * The seed's cost goals and what each is measured on. The seed says "20% cost reduction
 * via VPC endpoints" and "30% storage cost reduction via TTL"; gateway endpoints can only
 * remove NAT Gateway charges, and TTL only shrinks DynamoDB storage, so each goal is read
 * as a reduction of that cost, not of the whole bill (which other work moves too).
 */
export const SAVINGS_TARGETS: ReadonlyArray<{
  id: SavingsTargetId;
  title: string;
  goalPercent: number;
  service: string;
  usageType: RegExp;
  basis: string;
}> = [
  {
    id: 'vpc-endpoints-nat',
    title: 'NAT Gateway cost cut by the S3 and DynamoDB gateway endpoints',
    goalPercent: 20,
    service: 'EC2 - Other',
    usageType: /NatGateway-(Bytes|Hours)$/,
    basis: 'EC2 - Other, usage types *NatGateway-Bytes and *NatGateway-Hours',
  },
  {
    id: 'dynamodb-ttl-storage',
    title: 'DynamoDB storage cost cut by TTL on the cost tables',
    goalPercent: 30,
    service: 'Amazon DynamoDB',
    usageType: /TimedStorage-ByteHrs$/,
    basis: 'Amazon DynamoDB, usage type *TimedStorage-ByteHrs',
  },
];

/** The services whose usage types the targets need (Cost Explorer filter). */
export const SAVINGS_SERVICES = [
  ...new Set(SAVINGS_TARGETS.map(t => t.service)),
];

/** Days on each side of the change that are compared. */
export const SAVINGS_WINDOW_DAYS = 30;
/** Below this many days after the change the reduction is provisional. */
export const SAVINGS_SETTLING_DAYS = 7;

/** Which target a Cost Explorer service × usage type counts towards, if any. */
export function savingsTargetOf(
  service: string,
  usageType: string,
): SavingsTargetId | undefined {
  return SAVINGS_TARGETS.find(
    t => t.service === service && t.usageType.test(usageType),
  )?.id;
}

export interface SavingsDailyCost {
  day: IsoDay;
  target: SavingsTargetId;
  amountMicros: MicroUsd;
}

export interface SavingsInput {
  rows: readonly SavingsDailyCost[];
  /** The day the change went live; the baseline ends the day before. */
  changeDay?: IsoDay;
  /** First and last complete day Cost Explorer was asked about (the data's coverage). */
  coverage?: { from: IsoDay; to: IsoDay };
}

function windowOf(
  rows: readonly SavingsDailyCost[],
  target: SavingsTargetId,
  from: IsoDay,
  to: IsoDay,
): SavingsWindow | undefined {
  const days = daysBetween(from, to) + 1;
  if (days < 1) return undefined;
  const total = rows
    .filter(r => r.target === target && r.day >= from && r.day <= to)
    .reduce((sum, r) => sum + r.amountMicros, 0);
  return { from, to, days, dailyAverageMicros: Math.round(total / days) };
}

const later = (a: IsoDay, b: IsoDay) => (a > b ? a : b);
const percent = (fraction: number) => Math.round(fraction * 1000) / 10;

/**
 * Each target's reduction: the average daily cost over the SAVINGS_WINDOW_DAYS before
 * the change against the average over the most recent complete days after it (at most
 * SAVINGS_WINDOW_DAYS). Averages per day keep windows of different lengths comparable.
 */
export function measureSavings(input: SavingsInput): SavingsTarget[] {
  return SAVINGS_TARGETS.map(spec => {
    const base = {
      id: spec.id,
      title: spec.title,
      goalPercent: spec.goalPercent,
      basis: spec.basis,
    };
    const { changeDay, coverage, rows } = input;
    if (!changeDay) {
      return {
        ...base,
        status: 'not-configured',
        explanation:
          'Set prodHardening.finops.savingsChangeDay to the day the hardening changes went live; the 30 days before it are the baseline.',
      };
    }
    if (!coverage) {
      return {
        ...base,
        status: 'no-data',
        explanation: 'Cost Explorer has not been read yet.',
      };
    }
    const baseline = windowOf(
      rows,
      spec.id,
      later(addDays(changeDay, -SAVINGS_WINDOW_DAYS), coverage.from),
      addDays(changeDay, -1),
    );
    if (!baseline || baseline.dailyAverageMicros <= 0) {
      return {
        ...base,
        status: 'no-data',
        baseline,
        explanation: `Cost Explorer shows no ${spec.basis} cost in the ${SAVINGS_WINDOW_DAYS} days before ${changeDay}, so there is nothing to reduce from.`,
      };
    }
    const current = windowOf(
      rows,
      spec.id,
      later(changeDay, addDays(coverage.to, 1 - SAVINGS_WINDOW_DAYS)),
      coverage.to,
    );
    if (!current) {
      return {
        ...base,
        status: 'measuring',
        baseline,
        explanation: `The change day ${changeDay} has no complete day of cost data after it yet.`,
      };
    }
    const saved = baseline.dailyAverageMicros - current.dailyAverageMicros;
    const reductionPercent = percent(saved / baseline.dailyAverageMicros);
    const measured = {
      ...base,
      baseline,
      current,
      reductionPercent,
      monthlySavingMicros: saved * 30,
    };
    if (current.days < SAVINGS_SETTLING_DAYS) {
      return {
        ...measured,
        status: 'measuring',
        explanation: `Only ${current.days} day(s) since the change; the figure settles after ${SAVINGS_SETTLING_DAYS}.`,
      };
    }
    const met = reductionPercent >= spec.goalPercent;
    return {
      ...measured,
      status: met ? 'met' : 'behind',
      explanation: `${reductionPercent}% lower per day than the ${baseline.days} days before ${changeDay} (goal ${spec.goalPercent}%).`,
    };
  });
}
