import {
  BudgetsClient,
  DescribeBudgetCommand,
  DescribeNotificationsForBudgetCommand,
  Notification,
} from '@aws-sdk/client-budgets';
import type { AwsClientFactory } from '../aws';
import type { BudgetSnapshot } from '../domain/finops/budgets';

/** AWS Budgets: one budget with its spend and its notifications (read-only). */
export class BudgetsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeBudget(budgetName: string): Promise<BudgetSnapshot> {
    const client = this.aws.client(BudgetsClient);
    const AccountId = this.aws.accountId;
    const { Budget: budget } = await client.send(
      new DescribeBudgetCommand({ AccountId, BudgetName: budgetName }),
    );
    const notifications: Notification[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeNotificationsForBudgetCommand({
          AccountId,
          BudgetName: budgetName,
          NextToken: nextToken,
        }),
      );
      notifications.push(...(page.Notifications ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return {
      name: budget?.BudgetName ?? budgetName,
      limitUsd: budget?.BudgetLimit?.Amount ?? '0',
      actualUsd: budget?.CalculatedSpend?.ActualSpend?.Amount,
      forecastUsd: budget?.CalculatedSpend?.ForecastedSpend?.Amount,
      timeUnit: budget?.TimeUnit,
      notifications: notifications.map(n => ({
        notificationType:
          n.NotificationType === 'FORECASTED' ? 'FORECASTED' : 'ACTUAL',
        comparisonOperator: n.ComparisonOperator ?? 'GREATER_THAN',
        threshold: n.Threshold ?? 0,
        thresholdType:
          n.ThresholdType === 'ABSOLUTE_VALUE'
            ? 'ABSOLUTE_VALUE'
            : 'PERCENTAGE',
        state: n.NotificationState,
      })),
    };
  }
}
