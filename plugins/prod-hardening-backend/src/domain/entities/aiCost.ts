import type {
  AiDailyCost,
  EntityAiCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  addDays,
  daysBetween,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOf,
  utcDayOf,
} from '../finops/dates';

/** Days averaged for the rest-of-month forecast: a week evens out the weekend dip. */
const RUN_RATE_DAYS = 7;

/**
 * Month to date and a run-rate forecast for some agents of the AI-cost ledger, from the
 * daily rows the FinOps tab already reads (complete days only). The forecast adds the
 * last 7 complete days' average for each day left in the month, today included.
 */
export function aiCostOfAgents(input: {
  now: Date;
  agents: string[];
  daily: AiDailyCost[];
}): EntityAiCost {
  const today = utcDayOf(input.now);
  const month = monthOf(today);
  const monthStart = firstDayOfMonth(month);
  const throughDay = addDays(today, -1);
  const rateFrom = addDays(today, -RUN_RATE_DAYS);
  // Today is not complete, so it is one of the days still to come.
  const daysLeft = daysBetween(today, lastDayOfMonth(month)) + 1;

  const agents = input.agents.map(agent => {
    const rows = input.daily.filter(r => r.agent === agent && r.day < today);
    const monthToDateMicros = sum(rows.filter(r => r.day >= monthStart));
    const recent = sum(rows.filter(r => r.day >= rateFrom));
    const forecastMicros =
      monthToDateMicros + Math.round((recent / RUN_RATE_DAYS) * daysLeft);
    return { agent, monthToDateMicros, forecastMicros };
  });
  const hasRows = input.daily.some(r => r.day < today);
  return {
    month,
    agents,
    monthToDateMicros: agents.reduce((s, a) => s + a.monthToDateMicros, 0),
    forecastMicros: agents.reduce((s, a) => s + a.forecastMicros, 0),
    throughDay: hasRows ? throughDay : null,
  };
}

function sum(rows: AiDailyCost[]): number {
  return rows.reduce((s, r) => s + r.amountMicros, 0);
}
