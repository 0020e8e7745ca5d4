import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClientFactory } from '../aws';

/** One day × service amount, as Cost Explorer reports it (decimal USD string). */
export interface CostExplorerServiceDay {
  day: string;
  service: string;
  amountUsd: string;
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
  | 'GetAnomalies';

export interface CostExplorerSourceOptions {
  /** Called before every request: each one is billed ($0.01), so each one is counted. */
  onRequest?: (operation: CostExplorerOperation) => void | Promise<void>;
}

/**
 * Cost Explorer (read-only). Every call here costs money, so the source is only used by
 * the scheduled refresh, never by a page view.
 */
export class CostExplorerSource {
  constructor(
    private readonly aws: AwsClientFactory,
    private readonly options: CostExplorerSourceOptions = {},
  ) {}

  /** Unblended daily cost by SERVICE for [start, end) (end exclusive, `YYYY-MM-DD`). */
  async getDailyCostByService(
    start: string,
    end: string,
  ): Promise<CostExplorerServiceDay[]> {
    const client = this.aws.client(CostExplorerClient);
    const rows: CostExplorerServiceDay[] = [];
    let nextPageToken: string | undefined;
    do {
      await this.options.onRequest?.('GetCostAndUsage');
      const page = await client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: start, End: end },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
          NextPageToken: nextPageToken,
        }),
      );
      for (const result of page.ResultsByTime ?? []) {
        const day = result.TimePeriod?.Start;
        if (!day) continue;
        for (const group of result.Groups ?? []) {
          const amount = group.Metrics?.UnblendedCost?.Amount;
          const service = group.Keys?.[0];
          if (amount === undefined || !service) continue;
          rows.push({ day, service, amountUsd: amount });
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
}
