import {
  Budget,
  CreateBudgetCommand,
  CreateBudgetCommandInput,
  DeleteBudgetCommand,
  DescribeBudgetCommand,
  DescribeNotificationsForBudgetCommand,
  Notification,
  NotificationWithSubscribers,
} from '@aws-sdk/client-budgets';
import { snsTopicArn } from '../arns';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';

/** What the account really spends per month in the story (the design's "~$750"). */
export const STORY_MONTHLY_RUN_RATE_USD = 750;

/** AWS's own open end for a recurring budget. */
const OPEN_END = new Date(Date.UTC(2087, 5, 15));

const round2 = (n: number) => Math.round(n * 100) / 100;

/** First instant of `now`'s month, UTC (budgets run on UTC calendar months). */
export function startOfMonthUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Spend so far this month for a steady monthly run rate. Pure. */
export function monthToDateSpend(monthlyRunRateUsd: number, now: Date): number {
  const start = startOfMonthUtc(now);
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const fraction = (now.getTime() - start.getTime()) / (next - start.getTime());
  return round2(monthlyRunRateUsd * fraction);
}

/** The design's alerts: 80 % of the limit forecast, 100 % actually spent. */
export function budgetNotifications(
  topicArn: string,
): NotificationWithSubscribers[] {
  const subscribers = [{ SubscriptionType: 'SNS' as const, Address: topicArn }];
  const alert = (
    NotificationType: 'FORECASTED' | 'ACTUAL',
    Threshold: number,
  ) => ({
    Notification: {
      NotificationType,
      ComparisonOperator: 'GREATER_THAN' as const,
      Threshold,
      ThresholdType: 'PERCENTAGE' as const,
    },
    Subscribers: subscribers,
  });
  return [alert('FORECASTED', 80), alert('ACTUAL', 100)];
}

export interface BudgetInputOptions {
  accountId: string;
  budgetName: string;
  limitUsd: number;
  monthlyRunRateUsd: number;
  topicArn: string;
  now: Date;
}

/**
 * A monthly COST budget whose spend is given at creation: the emulator echoes
 * CalculatedSpend back from DescribeBudgets, which is how the local portal gets an
 * "over budget" forecast without a billing pipeline. Pure.
 */
export function buildBudgetInput(
  o: BudgetInputOptions,
): CreateBudgetCommandInput {
  const usd = (n: number) => ({ Amount: String(n), Unit: 'USD' });
  return {
    AccountId: o.accountId,
    Budget: {
      BudgetName: o.budgetName,
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: usd(o.limitUsd),
      TimePeriod: { Start: startOfMonthUtc(o.now), End: OPEN_END },
      CalculatedSpend: {
        ActualSpend: usd(monthToDateSpend(o.monthlyRunRateUsd, o.now)),
        ForecastedSpend: usd(round2(o.monthlyRunRateUsd)),
      },
    },
    NotificationsWithSubscribers: budgetNotifications(o.topicArn),
  };
}

const notificationKey = (n: Notification) =>
  `${n.NotificationType}/${n.ComparisonOperator}/${n.Threshold}/${n.ThresholdType}`;

/** True when the stored budget already says what `wanted` says (amounts compared as numbers). */
export function budgetMatches(
  stored: Budget,
  storedNotifications: Notification[],
  wanted: CreateBudgetCommandInput,
): boolean {
  const w = wanted.Budget!;
  const same = (a?: { Amount?: string }, b?: { Amount?: string }) =>
    Number(a?.Amount) === Number(b?.Amount);
  const wantedKeys = (wanted.NotificationsWithSubscribers ?? [])
    .map(n => notificationKey(n.Notification!))
    .sort();
  const storedKeys = storedNotifications.map(notificationKey).sort();
  return (
    same(stored.BudgetLimit, w.BudgetLimit) &&
    same(stored.CalculatedSpend?.ActualSpend, w.CalculatedSpend?.ActualSpend) &&
    same(
      stored.CalculatedSpend?.ForecastedSpend,
      w.CalculatedSpend?.ForecastedSpend,
    ) &&
    stored.TimePeriod?.Start?.getTime() === w.TimePeriod?.Start?.getTime() &&
    JSON.stringify(storedKeys) === JSON.stringify(wantedKeys)
  );
}

async function storedBudget(
  ctx: SeedContext,
  BudgetName: string,
): Promise<{ budget: Budget; notifications: Notification[] } | undefined> {
  const { budgets } = ctx.clients;
  try {
    const res = await budgets.send(
      new DescribeBudgetCommand({ AccountId: ctx.accountId, BudgetName }),
    );
    const notes = await budgets.send(
      new DescribeNotificationsForBudgetCommand({
        AccountId: ctx.accountId,
        BudgetName,
      }),
    );
    return { budget: res.Budget!, notifications: notes.Notifications ?? [] };
  } catch (err) {
    if (isAwsError(err, 'NotFoundException')) return undefined;
    throw err;
  }
}

export const budgetsStep: SeedStep = {
  name: 'budgets',
  async run(ctx) {
    const report = emptyReport('budgets');
    const { budgetName, monthlyBudgetUsd, topics } = ctx.resources;
    const wanted = buildBudgetInput({
      accountId: ctx.accountId,
      budgetName,
      limitUsd: monthlyBudgetUsd,
      monthlyRunRateUsd: STORY_MONTHLY_RUN_RATE_USD,
      topicArn: snsTopicArn(ctx, topics.costAlerts),
      now: ctx.now,
    });
    const stored = await storedBudget(ctx, budgetName);
    if (stored && budgetMatches(stored.budget, stored.notifications, wanted)) {
      report.existing.push(`budget ${budgetName}`);
      return report;
    }
    if (stored) {
      // Spend moved on since the last seed. Recreating (rather than UpdateBudget, which
      // the emulator lacks) is fine for demo data: the budget has no history to keep.
      await ctx.clients.budgets.send(
        new DeleteBudgetCommand({
          AccountId: ctx.accountId,
          BudgetName: budgetName,
        }),
      );
      report.existing.push(`budget ${budgetName} (spend refreshed)`);
    } else {
      report.created.push(`budget ${budgetName}`);
    }
    await ctx.clients.budgets.send(new CreateBudgetCommand(wanted));
    return report;
  },
};
