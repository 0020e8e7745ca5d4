import type {
  AiDailyCost,
  AiLedgerRow,
  AiProviderAgentCost,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import { usdToMicros } from './money';

/**
 * Cost Explorer rows summed per day and service (a service can appear on two pages of
 * the answer). Pure.
 */
export function sumServiceDailyCosts(
  rows: ReadonlyArray<{ day: string; service: string; amountUsd: string }>,
): ServiceDailyCost[] {
  const sums = new Map<string, ServiceDailyCost>();
  for (const r of rows) {
    const key = `${r.day}\u0000${r.service}`;
    const row = sums.get(key) ?? {
      day: r.day,
      service: r.service,
      amountMicros: 0,
    };
    row.amountMicros += usdToMicros(r.amountUsd);
    sums.set(key, row);
  }
  return [...sums.values()];
}

/** The AI ledger's rows summed per day, provider and agent (models folded), sorted. Pure. */
export function aiDailyCosts(ledger: readonly AiLedgerRow[]): AiDailyCost[] {
  const sums = new Map<
    string,
    { day: string; provider: string; agent: string; amountMicros: number }
  >();
  for (const r of ledger) {
    const key = `${r.day}|${r.provider}|${r.agent}`;
    const row = sums.get(key) ?? {
      day: r.day,
      provider: r.provider,
      agent: r.agent,
      amountMicros: 0,
    };
    row.amountMicros += r.amountMicros;
    sums.set(key, row);
  }
  return [...sums.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.provider.localeCompare(b.provider) ||
      a.agent.localeCompare(b.agent),
  );
}

/** Daily AI spend summed per provider and agent over all its days, largest first. Pure. */
export function aiCostByProviderAgent(
  daily: readonly AiDailyCost[],
): AiProviderAgentCost[] {
  const sums = new Map<string, AiProviderAgentCost>();
  for (const r of daily) {
    const key = `${r.provider}|${r.agent}`;
    const row = sums.get(key) ?? {
      provider: r.provider,
      agent: r.agent,
      amountMicros: 0,
    };
    row.amountMicros += r.amountMicros;
    sums.set(key, row);
  }
  return [...sums.values()].sort(
    (a, b) =>
      b.amountMicros - a.amountMicros ||
      a.provider.localeCompare(b.provider) ||
      a.agent.localeCompare(b.agent),
  );
}
