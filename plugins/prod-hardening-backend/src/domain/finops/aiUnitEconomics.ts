import { InputError } from '@backstage/errors';
import type {
  AiLedgerRow,
  AiUnitCostRow,
  AiUnitEconomics,
  AiUsage,
} from '@prod-hardening/plugin-prod-hardening-common';
import { dayToEpochMs } from './dates';
import { assertMicros, percentChange } from './money';
import { weekOf, weekPeriods } from './weekOverWeek';

/** The row key of a model: a model name such as gpt-4 is sold by both OpenAI and Azure. */
export const modelKey = (row: Pick<AiLedgerRow, 'provider' | 'model'>) =>
  `${row.provider}/${row.model}`;

interface Totals {
  costMicros: number;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

const emptyTotals = (): Totals => ({
  costMicros: 0,
  inputTokens: 0,
  outputTokens: 0,
  requests: 0,
});

function checkRow(row: AiLedgerRow): void {
  dayToEpochMs(row.day);
  assertMicros(
    row.amountMicros,
    `the amount of ${row.provider}/${row.agent}/${row.model} on ${row.day}`,
  );
  for (const field of ['inputTokens', 'outputTokens', 'requests'] as const) {
    if (!Number.isSafeInteger(row[field]) || row[field] < 0) {
      throw new InputError(
        `${field} must be a whole number ≥ 0, got ${row[field]} on ${row.day}`,
      );
    }
  }
}

/** Cost per 1,000 tokens (input and output together), per request, and tokens per request. */
export function toUsage(totals: Totals): AiUsage {
  const tokens = totals.inputTokens + totals.outputTokens;
  return {
    ...totals,
    costPer1kTokensMicros:
      tokens > 0 ? (totals.costMicros / tokens) * 1000 : null,
    costPerRequestMicros:
      totals.requests > 0 ? totals.costMicros / totals.requests : null,
    tokensPerRequest: totals.requests > 0 ? tokens / totals.requests : null,
  };
}

const changeOf = (current: number | null, previous: number | null) =>
  current === null || previous === null
    ? null
    : percentChange(current, previous);

function toRow(
  dimension: AiUnitCostRow['dimension'],
  key: string,
  current: Totals,
  previous: Totals,
): AiUnitCostRow {
  const now = toUsage(current);
  const before = toUsage(previous);
  return {
    dimension,
    key,
    current: now,
    previous: before,
    costChangePercent: percentChange(now.costMicros, before.costMicros),
    costPer1kTokensChangePercent: changeOf(
      now.costPer1kTokensMicros,
      before.costPer1kTokensMicros,
    ),
    costPerRequestChangePercent: changeOf(
      now.costPerRequestMicros,
      before.costPerRequestMicros,
    ),
  };
}

const byCost = (a: AiUnitCostRow, b: AiUnitCostRow) =>
  b.current.costMicros - a.current.costMicros ||
  b.previous.costMicros - a.previous.costMicros ||
  a.key.localeCompare(b.key);

/**
 * AI unit economics from the ledger: per provider, agent and model (and in total), this
 * week's and last week's cost per 1k tokens and per request, and their percent change.
 * Weeks are the last 7 complete UTC days and the 7 before; other rows are ignored.
 */
export function computeAiUnitEconomics(input: {
  now: Date;
  rows: readonly AiLedgerRow[];
}): AiUnitEconomics {
  const periods = weekPeriods(input.now);
  const groups = {
    provider: new Map<string, { current: Totals; previous: Totals }>(),
    agent: new Map<string, { current: Totals; previous: Totals }>(),
    model: new Map<string, { current: Totals; previous: Totals }>(),
  };
  const total = { current: emptyTotals(), previous: emptyTotals() };

  for (const row of input.rows) {
    checkRow(row);
    const week = weekOf(periods, row.day);
    if (!week) continue;
    const keys = {
      provider: row.provider,
      agent: row.agent,
      model: modelKey(row),
    };
    for (const dimension of ['provider', 'agent', 'model'] as const) {
      const group = groups[dimension];
      const entry = group.get(keys[dimension]) ?? {
        current: emptyTotals(),
        previous: emptyTotals(),
      };
      group.set(keys[dimension], entry);
      add(entry[week], row);
    }
    add(total[week], row);
  }

  const rows = (dimension: 'provider' | 'agent' | 'model') =>
    [...groups[dimension].entries()]
      .map(([key, e]) => toRow(dimension, key, e.current, e.previous))
      .sort(byCost);
  return {
    periods,
    total: toRow('total', 'Total', total.current, total.previous),
    byProvider: rows('provider'),
    byAgent: rows('agent'),
    byModel: rows('model'),
  };
}

function add(totals: Totals, row: AiLedgerRow): void {
  totals.costMicros += row.amountMicros;
  totals.inputTokens += row.inputTokens;
  totals.outputTokens += row.outputTokens;
  totals.requests += row.requests;
}
