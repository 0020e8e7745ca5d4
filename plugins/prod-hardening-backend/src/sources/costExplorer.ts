import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { AnomalyFeedbackValue } from '@prod-hardening/plugin-prod-hardening-common';
import type { AwsClientFactory } from '../aws';
import { AnomalyFeedbackWriter } from './remediation/anomalyFeedback';

/** One day × service amount, as Cost Explorer reports it (decimal USD string). */
export interface CostExplorerServiceDay {
  day: string;
  service: string;
  amountUsd: string;
}

/** One day × service × usage type amount (decimal USD string). */
export interface CostExplorerUsageTypeDay extends CostExplorerServiceDay {
  usageType: string;
}

export interface CostExplorerForecast {
  meanUsd: string;
  lowUsd?: string;
  highUsd?: string;
}

export interface CostExplorerAnomaly {
  id: string;
  startDate?: string;
  endDate?: string;
  dimensionValue?: string;
  maxScore: number;
  totalImpactUsd?: number;
  totalActualUsd?: number;
  totalExpectedUsd?: number;
}

export type CostExplorerOperation =
  | 'GetCostAndUsage'
  | 'GetCostForecast'
  | 'GetAnomalies'
  | 'ProvideAnomalyFeedback';

export interface CostExplorerSourceOptions {
  /** Called before every request: each one is billed ($0.01), so each one is counted. */
  onRequest?: (operation: CostExplorerOperation) => void | Promise<void>;
}

/**
 * Cost Explorer. Every call here costs money, so the reads are only made by the
 * scheduled refresh, never by a page view; the one write, an anomaly's feedback, is
 * made when a person answers and goes through AnomalyFeedbackWriter (remediation role).
 */
export class CostExplorerSource {
  private readonly feedbackWriter: AnomalyFeedbackWriter;

  constructor(
    private readonly aws: AwsClientFactory,
    private readonly options: CostExplorerSourceOptions = {},
  ) {
    this.feedbackWriter = new AnomalyFeedbackWriter(aws);
  }

  /** Unblended daily cost by SERVICE for [start, end) (end exclusive, `YYYY-MM-DD`). */
  async getDailyCostByService(
    start: string,
    end: string,
  ): Promise<CostExplorerServiceDay[]> {
    const rows = await this.dailyGroups({
      TimePeriod: { Start: start, End: end },
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    return rows.map(({ day, keys, amountUsd }) => ({
      day,
      service: keys[0],
      amountUsd,
    }));
  }

  /**
   * Unblended daily cost by SERVICE × USAGE_TYPE for [start, end), limited to `services`
   * (what the savings targets measure: NAT Gateway charges, DynamoDB storage).
   */
  async getDailyCostByUsageType(
    start: string,
    end: string,
    services: readonly string[],
  ): Promise<CostExplorerUsageTypeDay[]> {
    const rows = await this.dailyGroups({
      TimePeriod: { Start: start, End: end },
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: { Dimensions: { Key: 'SERVICE', Values: [...services] } },
    });
    return rows
      .filter(r => r.keys.length === 2)
      .map(({ day, keys, amountUsd }) => ({
        day,
        service: keys[0],
        usageType: keys[1],
        amountUsd,
      }));
  }

  /** Every page of a DAILY UnblendedCost query, one row per day × group. */
  private async dailyGroups(
    query: Pick<
      GetCostAndUsageCommandInput,
      'TimePeriod' | 'GroupBy' | 'Filter'
    >,
  ): Promise<Array<{ day: string; keys: string[]; amountUsd: string }>> {
    const client = this.aws.client(CostExplorerClient);
    const rows: Array<{ day: string; keys: string[]; amountUsd: string }> = [];
    let nextPageToken: string | undefined;
    do {
      await this.options.onRequest?.('GetCostAndUsage');
      const page = await client.send(
        new GetCostAndUsageCommand({
          ...query,
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          NextPageToken: nextPageToken,
        }),
      );
      for (const result of page.ResultsByTime ?? []) {
        const day = result.TimePeriod?.Start;
        if (!day) continue;
        for (const group of result.Groups ?? []) {
          const amountUsd = group.Metrics?.UnblendedCost?.Amount;
          const keys = group.Keys ?? [];
          if (amountUsd === undefined || !keys[0]) continue;
          rows.push({ day, keys, amountUsd });
        }
      }
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);
    return rows;
  }

  /** AWS's own forecast of unblended cost for [start, end), 80% prediction interval. */
  async getCostForecast(
    start: string,
    end: string,
  ): Promise<CostExplorerForecast> {
    await this.options.onRequest?.('GetCostForecast');
    const out = await this.aws.client(CostExplorerClient).send(
      new GetCostForecastCommand({
        TimePeriod: { Start: start, End: end },
        Granularity: 'MONTHLY',
        Metric: 'UNBLENDED_COST',
        PredictionIntervalLevel: 80,
      }),
    );
    const period = out.ForecastResultsByTime?.[0];
    return {
      meanUsd: out.Total?.Amount ?? period?.MeanValue ?? '0',
      lowUsd: period?.PredictionIntervalLowerBound,
      highUsd: period?.PredictionIntervalUpperBound,
    };
  }

  /** Anomalies found by AWS Cost Anomaly Detection since `start` (`YYYY-MM-DD`). */
  async getAnomalies(start: string): Promise<CostExplorerAnomaly[]> {
    const client = this.aws.client(CostExplorerClient);
    const anomalies: CostExplorerAnomaly[] = [];
    let nextPageToken: string | undefined;
    do {
      await this.options.onRequest?.('GetAnomalies');
      const page = await client.send(
        new GetAnomaliesCommand({
          DateInterval: { StartDate: start },
          NextPageToken: nextPageToken,
        }),
      );
      for (const a of page.Anomalies ?? []) {
        anomalies.push({
          id: a.AnomalyId ?? '',
          startDate: a.AnomalyStartDate,
          endDate: a.AnomalyEndDate,
          dimensionValue: a.DimensionValue,
          maxScore: a.AnomalyScore?.MaxScore ?? 0,
          totalImpactUsd: a.Impact?.TotalImpact,
          totalActualUsd: a.Impact?.TotalActualSpend,
          totalExpectedUsd: a.Impact?.TotalExpectedSpend,
        });
      }
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);
    return anomalies;
  }

  /**
   * Tells Cost Anomaly Detection whether `anomalyId` was a real anomaly, acting as
   * `userRef` (see AnomalyFeedbackWriter for why this is the remediation role).
   */
  async provideAnomalyFeedback(
    anomalyId: string,
    feedback: AnomalyFeedbackValue,
    userRef: string,
  ): Promise<void> {
    await this.options.onRequest?.('ProvideAnomalyFeedback');
    await this.feedbackWriter.provide(anomalyId, feedback, userRef);
  }
}
