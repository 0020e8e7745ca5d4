import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { DEFAULT_TABLE_NAMES } from './constants';
import {
  EnhancedCostMonitoring,
  EnhancedCostMonitoringOptions,
} from './EnhancedCostMonitoring';
import { parseOrThrow } from './schemas';

const optionalNumber = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be a positive number',
      });
      return z.NEVER;
    }
    return n;
  });

/** The environment variables services set; see README.md. */
export const costMonitoringEnvSchema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  /** Endpoint override (the local emulator); unset on AWS. */
  COST_MONITORING_ENDPOINT: z.string().url().optional(),
  COST_MONITORING_AI_COSTS_TABLE: z
    .string()
    .min(1)
    .default(DEFAULT_TABLE_NAMES.aiCosts),
  COST_MONITORING_ALERTS_TABLE: z
    .string()
    .min(1)
    .default(DEFAULT_TABLE_NAMES.costAlerts),
  COST_MONITORING_ALERT_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  COST_MONITORING_MONTHLY_BUDGET_USD: optionalNumber,
  COST_MONITORING_DAILY_LIMIT_USD: optionalNumber,
});

/**
 * For services: builds the DynamoDB and SNS clients from the environment (region,
 * credentials by the SDK's default chain, optional endpoint) and a monitor that owns
 * them — `close()` flushes and destroys them. A bad variable throws a
 * CostValidationError naming it.
 */
export function createCostMonitoringFromEnv(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<EnhancedCostMonitoringOptions> = {},
): EnhancedCostMonitoring {
  const e = parseOrThrow(costMonitoringEnvSchema, env);
  const clientConfig = {
    region: e.AWS_REGION,
    endpoint: e.COST_MONITORING_ENDPOINT,
  };
  const dynamoDb = new DynamoDBClient(clientConfig);
  const sns = new SNSClient(clientConfig);
  const budget =
    e.COST_MONITORING_MONTHLY_BUDGET_USD || e.COST_MONITORING_DAILY_LIMIT_USD
      ? {
          monthlyLimitUsd: e.COST_MONITORING_MONTHLY_BUDGET_USD,
          dailyLimitUsd: e.COST_MONITORING_DAILY_LIMIT_USD,
        }
      : undefined;
  return new EnhancedCostMonitoring({
    dynamoDb,
    sns,
    alertTopicArn: e.COST_MONITORING_ALERT_TOPIC_ARN,
    tables: {
      aiCosts: e.COST_MONITORING_AI_COSTS_TABLE,
      costAlerts: e.COST_MONITORING_ALERTS_TABLE,
    },
    budget,
    onClose: () => {
      dynamoDb.destroy();
      sns.destroy();
    },
    ...overrides,
  });
}
