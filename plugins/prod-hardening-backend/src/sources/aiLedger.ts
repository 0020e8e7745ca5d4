import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CostAlert as LedgerAlert,
  CostLedgerReader,
  DailyRollup,
} from '@prod-hardening/cost-monitoring';
import type { AwsClientFactory } from '../aws';

/**
 * The AI-cost ledger and the cost-alerts table, read through the cost-monitoring
 * library's reader (the queries Huntaze services' EnhancedCostMonitoring uses): Query
 * calls only; no writer, no SNS client.
 */
export class AiLedgerSource {
  private readonly ledger: CostLedgerReader;

  constructor(
    aws: AwsClientFactory,
    tables: { aiCosts: string; costAlerts: string },
    now: () => Date = () => new Date(),
  ) {
    this.ledger = new CostLedgerReader({
      dynamoDb: aws.client(DynamoDBClient),
      tables,
      now,
    });
  }

  /** Per day × provider × agent × model sums for an inclusive range of UTC days. */
  getDailyRollups(from: string, to: string): Promise<DailyRollup[]> {
    return this.ledger.getDailyRollups({ from, to });
  }

  /** Alerts of the last 30 days (the table's retention), newest first. */
  listAlerts(): Promise<LedgerAlert[]> {
    return this.ledger.listAlerts();
  }
}
