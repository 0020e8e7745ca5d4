import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CostAlert as LedgerAlert,
  DailyRollup,
  EnhancedCostMonitoring,
} from '@prod-hardening/cost-monitoring';
import type { AwsClientFactory } from '../aws';

/**
 * The AI-cost ledger and the cost-alerts table, read through the cost-monitoring
 * library (the same code Huntaze services write with). Queries only: no SNS client is
 * given, and nothing here tracks costs or raises alerts.
 */
export class AiLedgerSource {
  private readonly monitoring: EnhancedCostMonitoring;

  constructor(
    aws: AwsClientFactory,
    tables: { aiCosts: string; costAlerts: string },
    now: () => Date = () => new Date(),
  ) {
    this.monitoring = new EnhancedCostMonitoring({
      dynamoDb: aws.client(DynamoDBClient),
      tables,
      now,
    });
  }

  /** Per day × provider × agent × model sums for an inclusive range of UTC days. */
  getDailyRollups(from: string, to: string): Promise<DailyRollup[]> {
    return this.monitoring.getDailyRollups({ from, to });
  }

  /** Alerts of the last 30 days (the table's retention), newest first. */
  listAlerts(): Promise<LedgerAlert[]> {
    return this.monitoring.listAlerts();
  }
}
