import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { ALERT_RETENTION_DAYS, AlertType } from './constants';
import { RetriesExhaustedError, retryWithBackoff, Sleep } from './backoff';
import { CostValidationError } from './errors';
import { alertPartitionKey, stableAlertId } from './keys';
import type { DocumentClientLike } from './ledgerWriter';
import { attributeNames, CostLedgerReader } from './ledgerReader';
import { microsToUsd, sumMicros, usdToMicros } from './money';
import type { CostAlert } from './records';
import {
  alertInputSchema,
  AlertInput,
  budgetOptionsSchema,
  parseOrThrow,
} from './schemas';
import { isoMillis, isoSeconds, ttlFor, utcDay, utcMonth } from './time';

export interface RaiseAlertResult {
  alert: CostAlert;
  /** The alert row already existed (same alertId) and was already notified. */
  deduplicated: boolean;
}

export interface BudgetCheckResult {
  month: string;
  monthToDateMicros: number;
  todayMicros: number;
  /** Thresholds reached, with the alert row each one has. */
  reached: Array<{
    alertType: AlertType;
    thresholdMicros: number;
    percent?: number;
    alert: CostAlert;
    deduplicated: boolean;
  }>;
  exceeded: boolean;
}

export type SnsClientLike = Pick<SNSClient, 'send'>;

export interface CostAlertsOptions {
  doc: DocumentClientLike;
  /** Reads the rollups the budget check sums and the alert rows already raised. */
  reader: CostLedgerReader;
  /** Without it (or the topic) alerts are stored with notified=false. */
  sns?: SnsClientLike;
  topicArn?: string;
  budget?: z.output<typeof budgetOptionsSchema>;
  now: () => Date;
  sleep: Sleep;
  /** SNS publish attempts (seed: 3). */
  notifyAttempts: number;
  /** Delay before the 2nd attempt, doubled for each next one. */
  notifyBaseDelayMs: number;
}

/**
 * The budget check and the cost alerts: an alert row is stored before it is
 * published to SNS, so a failed notification is never lost.
 */
export class CostAlerts {
  constructor(private readonly o: CostAlertsOptions) {}

  /**
   * Month-to-date and today's AI spend against the configured budget: one alert per
   * threshold reached and period, with the numbers and the alert rows.
   */
  async checkBudget(): Promise<BudgetCheckResult> {
    const budget = this.o.budget;
    if (!budget || (!budget.monthlyLimitUsd && !budget.dailyLimitUsd)) {
      throw CostValidationError.of(
        'budget',
        'no monthlyLimitUsd or dailyLimitUsd configured',
      );
    }
    const now = this.o.now();
    const today = utcDay(now);
    const month = utcMonth(now);
    const rollups = await this.o.reader.getDailyRollups({
      from: `${month}-01`,
      to: today,
    });
    const monthToDateMicros = sumMicros(rollups.map(r => r.amountMicros));
    const todayMicros = sumMicros(
      rollups.filter(r => r.date === today).map(r => r.amountMicros),
    );
    const result: BudgetCheckResult = {
      month,
      monthToDateMicros,
      todayMicros,
      reached: [],
      exceeded: false,
    };
    if (budget.monthlyLimitUsd) {
      const limitMicros = usdToMicros(budget.monthlyLimitUsd);
      for (const percent of [...budget.thresholdsPercent].sort(
        (a, b) => a - b,
      )) {
        const thresholdMicros = Math.round((limitMicros * percent) / 100);
        if (monthToDateMicros < thresholdMicros) continue;
        const { alert, deduplicated } = await this.raiseAlert({
          alertId: stableAlertId(`budget_threshold|${month}|${percent}`),
          alertType: 'budget_threshold',
          severity: percent >= 100 ? 'critical' : 'warning',
          message: `AI spend for ${month} is ${usd(
            monthToDateMicros,
          )}, ${percent}% threshold of the ${usd(
            limitMicros,
          )} monthly budget reached`,
          amountUsd: microsToUsd(monthToDateMicros),
          thresholdUsd: microsToUsd(thresholdMicros),
        });
        result.reached.push({
          alertType: 'budget_threshold',
          thresholdMicros,
          percent,
          alert,
          deduplicated,
        });
      }
    }
    if (budget.dailyLimitUsd) {
      const thresholdMicros = usdToMicros(budget.dailyLimitUsd);
      if (todayMicros >= thresholdMicros) {
        const { alert, deduplicated } = await this.raiseAlert({
          alertId: stableAlertId(`daily_limit|${today}`),
          alertType: 'daily_limit',
          severity: 'critical',
          message: `AI spend on ${today} is ${usd(
            todayMicros,
          )}, daily limit ${usd(thresholdMicros)} reached`,
          amountUsd: microsToUsd(todayMicros),
          thresholdUsd: microsToUsd(thresholdMicros),
        });
        result.reached.push({
          alertType: 'daily_limit',
          thresholdMicros,
          alert,
          deduplicated,
        });
      }
    }
    result.exceeded = result.reached.length > 0;
    return result;
  }

  /**
   * Stores an alert row (notified=false) first, so nothing is lost, then publishes it
   * to SNS with 3 attempts and exponential backoff, and marks the row notified. When
   * every attempt fails the row stays notified=false with the last error. Raising an
   * existing alertId again only retries the notification if it never went out.
   */
  async raiseAlert(input: AlertInput): Promise<RaiseAlertResult> {
    const parsed = parseOrThrow(alertInputSchema, input);
    const now = this.o.now();
    if (parsed.alertId) {
      const existing = await this.o.reader.findAlert(parsed.alertId);
      if (existing?.notified) return { alert: existing, deduplicated: true };
      if (existing)
        return { alert: await this.notify(existing), deduplicated: false };
    }
    const alertId = parsed.alertId ?? randomUUID();
    const createdAt = isoSeconds(parsed.createdAt ?? now);
    const alert: CostAlert = {
      pk: alertPartitionKey(alertId),
      sk: createdAt,
      alertId,
      alertType: parsed.alertType,
      severity: parsed.severity,
      message: parsed.message,
      amountMicros: usdToMicros(parsed.amountUsd),
      thresholdMicros: usdToMicros(parsed.thresholdUsd),
      notified: false,
      notifyAttempts: 0,
      createdAt,
      ttl: ttlFor(new Date(createdAt), ALERT_RETENTION_DAYS),
    };
    await this.o.doc.send(
      new PutCommand({
        TableName: this.o.reader.tables.costAlerts,
        Item: alert,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: attributeNames('pk'),
      }),
    );
    return { alert: await this.notify(alert), deduplicated: false };
  }

  private async notify(alert: CostAlert): Promise<CostAlert> {
    const key = { pk: alert.pk, sk: alert.sk };
    const outcome = await this.publish(alert);
    if (outcome.ok) {
      const notifiedAt = isoMillis(this.o.now());
      await this.o.doc.send(
        new UpdateCommand({
          TableName: this.o.reader.tables.costAlerts,
          Key: key,
          UpdateExpression:
            'SET #notified = :true, #notifiedAt = :at, #snsMessageId = :id ADD #notifyAttempts :n REMOVE #lastNotifyError',
          ExpressionAttributeNames: attributeNames(
            'notified',
            'notifiedAt',
            'snsMessageId',
            'notifyAttempts',
            'lastNotifyError',
          ),
          ExpressionAttributeValues: {
            ':true': true,
            ':at': notifiedAt,
            ':id': outcome.messageId,
            ':n': outcome.attempts,
          },
        }),
      );
      const { lastNotifyError: _cleared, ...rest } = alert;
      return {
        ...rest,
        notified: true,
        notifiedAt,
        snsMessageId: outcome.messageId,
        notifyAttempts: alert.notifyAttempts + outcome.attempts,
      };
    }
    // The row keeps notified=false: the next check, or the daily review, picks it up.
    await this.o.doc.send(
      new UpdateCommand({
        TableName: this.o.reader.tables.costAlerts,
        Key: key,
        UpdateExpression:
          'SET #notified = :false, #lastNotifyError = :e ADD #notifyAttempts :n',
        ExpressionAttributeNames: attributeNames(
          'notified',
          'lastNotifyError',
          'notifyAttempts',
        ),
        ExpressionAttributeValues: {
          ':false': false,
          ':e': outcome.error,
          ':n': outcome.attempts,
        },
      }),
    );
    return {
      ...alert,
      notified: false,
      lastNotifyError: outcome.error,
      notifyAttempts: alert.notifyAttempts + outcome.attempts,
    };
  }

  /** SNS publish with `notify.attempts` tries and exponential backoff. Never throws. */
  private async publish(
    alert: CostAlert,
  ): Promise<
    | { ok: true; messageId: string; attempts: number }
    | { ok: false; error: string; attempts: number }
  > {
    const sns = this.o.sns;
    const TopicArn = this.o.topicArn;
    if (!sns || !TopicArn) {
      return {
        ok: false,
        error: 'no SNS client or alert topic configured',
        attempts: 0,
      };
    }
    try {
      const { value, attempts } = await retryWithBackoff(
        () =>
          sns.send(
            new PublishCommand({
              TopicArn,
              Subject: `[${alert.severity}] Huntaze cost alert: ${alert.alertType}`,
              Message: JSON.stringify({
                alertId: alert.alertId,
                alertType: alert.alertType,
                severity: alert.severity,
                message: alert.message,
                amountUsd: microsToUsd(alert.amountMicros),
                thresholdUsd: microsToUsd(alert.thresholdMicros),
                createdAt: alert.createdAt,
              }),
              MessageAttributes: {
                alertType: { DataType: 'String', StringValue: alert.alertType },
                severity: { DataType: 'String', StringValue: alert.severity },
              },
            }),
          ),
        {
          attempts: this.o.notifyAttempts,
          baseDelayMs: this.o.notifyBaseDelayMs,
          sleep: this.o.sleep,
        },
      );
      return { ok: true, messageId: value.MessageId ?? '', attempts };
    } catch (err) {
      const exhausted = err instanceof RetriesExhaustedError;
      const cause = exhausted ? err.cause : err;
      const error = (
        cause instanceof Error
          ? `${cause.name}: ${cause.message}`
          : String(cause)
      ).slice(0, 1000);
      return { ok: false, error, attempts: exhausted ? err.attempts : 1 };
    }
  }
}

function usd(micros: number): string {
  return `$${microsToUsd(micros).toFixed(2)}`;
}
