import { z } from 'zod';
import {
  AI_PROVIDERS,
  ALERT_SEVERITIES,
  ALERT_TYPES,
  AiProvider,
  AlertSeverity,
  AlertType,
} from './constants';
import { CostValidationError } from './errors';
import { MAX_ENTRY_USD, MICROS_PER_USD } from './money';
import { isCalendarDay } from './time';

/** Names that go into keys: no `#` (the key separator), no spaces. */
const keyPart = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(100)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/,
      `${what} may contain letters, digits and . _ : / - only`,
    );

export const daySchema = z
  .string()
  .refine(isCalendarDay, 'must be a calendar day written YYYY-MM-DD');

const isoTimestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 timestamp' });

const instant = z
  .union([
    z.date().refine(d => !Number.isNaN(d.getTime()), 'must be a valid date'),
    isoTimestamp.transform(s => new Date(s)),
  ])
  .refine(d => !Number.isNaN(d.getTime()), 'must be a valid date');

const tokens = z
  .number()
  .int('must be an integer')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

export const agentSchema = keyPart('agent');

export const providerSchema = z.enum(AI_PROVIDERS, {
  errorMap: () => ({ message: `must be one of ${AI_PROVIDERS.join(', ')}` }),
});

export const costEntryInputSchema = z
  .object({
    provider: providerSchema,
    agent: agentSchema,
    /** The seed's `type`: the model name, e.g. gpt-4o. */
    model: keyPart('model'),
    /** Cost in USD; give this or `amountMicros`. */
    amountUsd: z
      .number()
      .finite('must be a finite number')
      .nonnegative('must not be negative')
      .max(MAX_ENTRY_USD, `must be at most ${MAX_ENTRY_USD} USD`)
      .optional(),
    /** Cost in integer micro-dollars; give this or `amountUsd`. */
    amountMicros: z
      .number()
      .int('must be an integer number of micro-dollars')
      .nonnegative('must not be negative')
      .max(MAX_ENTRY_USD * MICROS_PER_USD)
      .optional(),
    inputTokens: tokens.default(0),
    outputTokens: tokens.default(0),
    requests: z
      .number()
      .int('must be an integer')
      .positive('must be at least 1')
      .default(1),
    /** When the cost was incurred; defaults to the monitor's clock. */
    timestamp: instant.optional(),
    /** Idempotency key: tracking the same id twice stores one entry. Defaults to a random UUID. */
    entryId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 of A-Z a-z 0-9 _ . : -')
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.amountUsd === undefined) === (v.amountMicros === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['amountUsd'],
        message: 'give exactly one of amountUsd and amountMicros',
      });
    }
  });

/** What callers pass to `trackCost`. */
export type CostEntryInput = z.input<typeof costEntryInputSchema>;
export type ParsedCostEntryInput = z.output<typeof costEntryInputSchema>;

export const dateRangeSchema = z
  .object({ from: daySchema.optional(), to: daySchema.optional() })
  .strict()
  .refine(r => !r.from || !r.to || r.from <= r.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type DateRange = z.input<typeof dateRangeSchema>;

const usdAmount = z
  .number()
  .finite('must be a finite number')
  .nonnegative('must not be negative');

export const alertInputSchema = z
  .object({
    alertType: z.enum(ALERT_TYPES),
    severity: z.enum(ALERT_SEVERITIES),
    message: z.string().min(1).max(2000),
    amountUsd: usdAmount,
    thresholdUsd: usdAmount,
    /** Deduplication key: raising the same alertId again re-notifies at most. */
    alertId: z.string().uuid().optional(),
    createdAt: instant.optional(),
  })
  .strict();
export type AlertInput = z.input<typeof alertInputSchema>;

export const budgetOptionsSchema = z
  .object({
    monthlyLimitUsd: usdAmount.positive('must be positive').optional(),
    /** Percent of the monthly limit that raise a budget_threshold alert. */
    thresholdsPercent: z
      .array(z.number().finite().positive().max(1000))
      .min(1)
      .default([80, 100]),
    dailyLimitUsd: usdAmount.positive('must be positive').optional(),
  })
  .strict();
export type BudgetOptions = z.input<typeof budgetOptionsSchema>;

/**
 * Parses with a schema and turns zod's issues into a CostValidationError whose
 * fields carry `prefix` (e.g. `entries[3].`).
 */
export function parseOrThrow<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CostValidationError(
    result.error.issues.map(issue => ({
      field:
        formatPath(prefix, issue.path) || prefix.replace(/\.$/, '') || 'input',
      message: issue.message,
    })),
  );
}

function formatPath(prefix: string, path: (string | number)[]): string {
  let out = prefix;
  for (const part of path) {
    out +=
      typeof part === 'number'
        ? `[${part}]`
        : out && !out.endsWith('.')
        ? `.${part}`
        : part;
  }
  return out.replace(/\.$/, '');
}

export type { AiProvider, AlertSeverity, AlertType };
