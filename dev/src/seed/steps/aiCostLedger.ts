import {
  CostLedgerEntry,
  CostEntryInput,
  EnhancedCostMonitoring,
  stableAlertId,
  utcDay,
} from '@prod-hardening/cost-monitoring';
import { snsTopicArn } from '../arns';
import { emptyReport, SeedStep } from '../context';

const DAY_MS = 86_400_000;

/** Days of ledger the story holds: the design's 90-day retention, today included. */
export const LEDGER_DAYS = 90;
/** Seed of the pseudo-random noise: the same inputs always give the same ledger. */
export const LEDGER_NOISE_SEED = 20251028;

/** Price per 1,000 tokens (input and output blended), to derive token counts from cost. */
export const MODEL_USD_PER_1K_TOKENS: Readonly<Record<string, number>> = {
  'gpt-4o': 0.005,
  'gpt-4o-mini': 0.0004,
  'gpt-4': 0.04,
  'gpt-35-turbo': 0.001,
};

/** Share of a day's AI spend per provider. */
export const LEDGER_PROVIDERS = [
  { provider: 'openai', share: 0.6 },
  { provider: 'azure', share: 0.4 },
] as const;

/** Share of a provider's spend per agent, and the model each agent uses there. */
export const LEDGER_AGENTS = [
  {
    agent: 'content',
    share: 0.35,
    models: { openai: 'gpt-4o', azure: 'gpt-4' },
  },
  {
    agent: 'chatbot',
    share: 0.3,
    models: { openai: 'gpt-4o-mini', azure: 'gpt-35-turbo' },
  },
  {
    agent: 'marketing',
    share: 0.2,
    models: { openai: 'gpt-4o', azure: 'gpt-35-turbo' },
  },
  {
    agent: 'analytics',
    share: 0.15,
    models: { openai: 'gpt-4o-mini', azure: 'gpt-4' },
  },
] as const;

/** A weekday's AI spend; weekends run lower (Sunday = index 0). */
export const WEEKDAY_USD = 16;
export const WEEKLY_PATTERN = [0.55, 1.05, 1.1, 1.1, 1.05, 1.0, 0.6] as const;
/** ±15 % day-to-day noise per agent and model. */
export const NOISE = 0.15;
/** The chatbot runaway the story's anomaly alert is about: 6 days ago, 2.5× on OpenAI. */
export const SPIKE = {
  daysAgo: 6,
  provider: 'openai',
  agent: 'chatbot',
  factor: 2.5,
};

const AVG_TOKENS_PER_REQUEST = 1_500;
const INPUT_TOKEN_SHARE = 0.75;

/** 32-bit FNV-1a of a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A number in [0, 1) that depends only on the seed and the label, not on call order,
 * so re-seeding at a later `now` rewrites overlapping days with identical values.
 */
export function noiseFor(seed: number, label: string): number {
  // mulberry32, one step
  let t = (hash(`${seed}|${label}`) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/**
 * The story's ledger: one entry per day × provider × agent (each agent has its model
 * per provider) for the 90 days up to `now`; today's entries carry the part of the
 * day that has passed. Pure.
 */
export function buildLedgerEntries(
  now: Date,
  seed = LEDGER_NOISE_SEED,
): CostEntryInput[] {
  const today = utcDay(now);
  const startOfToday = Date.parse(`${today}T00:00:00.000Z`);
  const todayFraction = (now.getTime() - startOfToday) / DAY_MS;
  const spikeDay = utcDay(new Date(startOfToday - SPIKE.daysAgo * DAY_MS));
  const entries: CostEntryInput[] = [];
  for (let back = LEDGER_DAYS - 1; back >= 0; back--) {
    const dayStart = startOfToday - back * DAY_MS;
    const date = utcDay(new Date(dayStart));
    const isToday = back === 0;
    if (isToday && todayFraction < 0.01) continue;
    const timestamp = isToday ? now : new Date(dayStart + 12 * 3_600_000);
    const dayUsd =
      WEEKDAY_USD *
      WEEKLY_PATTERN[new Date(dayStart).getUTCDay()] *
      (isToday ? todayFraction : 1);
    for (const p of LEDGER_PROVIDERS) {
      for (const a of LEDGER_AGENTS) {
        const model = a.models[p.provider];
        const label = `${date}|${p.provider}|${a.agent}|${model}`;
        const noise = 1 + NOISE * (2 * noiseFor(seed, label) - 1);
        const spike =
          date === spikeDay &&
          p.provider === SPIKE.provider &&
          a.agent === SPIKE.agent
            ? SPIKE.factor
            : 1;
        const usd = dayUsd * p.share * a.share * noise * spike;
        const tokens = Math.round(
          (usd / MODEL_USD_PER_1K_TOKENS[model]) * 1000,
        );
        const inputTokens = Math.round(tokens * INPUT_TOKEN_SHARE);
        entries.push({
          provider: p.provider,
          agent: a.agent,
          model,
          amountMicros: Math.round(usd * 1_000_000),
          inputTokens,
          outputTokens: tokens - inputTokens,
          requests: Math.max(1, Math.round(tokens / AVG_TOKENS_PER_REQUEST)),
          timestamp,
          entryId: `seed-${label.replace(/\|/g, '-')}`,
        });
      }
    }
  }
  return entries;
}

/** Sum of one day's entries in micro-dollars. Pure. */
export function dayTotalMicros(
  entries: ReadonlyArray<CostEntryInput | CostLedgerEntry>,
  date: string,
): number {
  return entries
    .filter(e => utcDay(new Date(e.timestamp!)) === date)
    .reduce((sum, e) => sum + (e.amountMicros ?? 0), 0);
}

/**
 * 90 days of AI-cost ledger written through the cost-monitoring library itself, with
 * its rollups rebuilt, and the alerts the story's chatbot spike raised. Idempotent:
 * entries have deterministic ids (a second run rewrites the same items), rollups are
 * recomputed from the entries, alerts have deterministic ids.
 */
export const aiCostLedgerStep: SeedStep = {
  name: 'ai-ledger',
  async run(ctx) {
    const report = emptyReport('ai-ledger');
    const { tables, topics } = ctx.resources;
    const costs = new EnhancedCostMonitoring({
      dynamoDb: ctx.clients.dynamoDb,
      sns: ctx.clients.sns,
      alertTopicArn: snsTopicArn(ctx, topics.costAlerts),
      tables,
      now: () => ctx.now,
      // A bulk load: rollups are rebuilt per day below instead of added per batch.
      rollups: 'deferred',
    });
    const today = utcDay(ctx.now);
    const yesterday = utcDay(new Date(ctx.now.getTime() - DAY_MS));
    const entries = buildLedgerEntries(ctx.now);
    const days = [
      ...new Set(entries.map(e => utcDay(new Date(e.timestamp!)))),
    ].sort();
    // Seeded before at this clock or earlier today: the first and the last complete day
    // are there, so only today's entries (which grow with the clock) are rewritten.
    // Large reads are slow on the emulator, so the check reads two days' rollups only.
    const seeded =
      (await costs.getDailyRollups({ from: days[0], to: days[0] })).length >
        0 &&
      (await costs.getDailyRollups({ from: yesterday, to: yesterday })).length >
        0;
    const write = seeded
      ? entries.filter(e => utcDay(new Date(e.timestamp!)) === today)
      : entries;
    await costs.trackCosts(write);
    if (seeded) {
      await costs.rebuildDailyRollups(today);
    } else {
      await costs.rebuildRollups({ from: days[0], to: days[days.length - 1] });
    }
    const line = `ledger ${tables.aiCosts}: ${entries.length} entries over ${days.length} days`;
    (seeded ? report.existing : report.created).push(line);

    const spikeDate = new Date(
      Date.parse(`${today}T00:00:00Z`) - SPIKE.daysAgo * DAY_MS,
    );
    const spikeDay = utcDay(spikeDate);
    const spikeUsd = (await costs.getDailyCostMicros(spikeDay)) / 1_000_000;
    const alerts = [
      {
        alertId: stableAlertId(`seed|anomaly|${spikeDay}`),
        alertType: 'anomaly' as const,
        severity: 'warning' as const,
        message: `chatbot on openai spent ${SPIKE.factor}x its usual daily cost on ${spikeDay}`,
        amountUsd: spikeUsd,
        thresholdUsd: WEEKDAY_USD * 1.5,
        createdAt: new Date(spikeDate.getTime() + 23 * 3_600_000),
      },
      {
        alertId: stableAlertId(`seed|daily_limit|${spikeDay}`),
        alertType: 'daily_limit' as const,
        severity: 'critical' as const,
        message: `AI spend on ${spikeDay} reached the $20.00 daily limit`,
        amountUsd: spikeUsd,
        thresholdUsd: 20,
        createdAt: new Date(spikeDate.getTime() + 20 * 3_600_000),
      },
    ];
    for (const alert of alerts) {
      const { deduplicated } = await costs.raiseAlert(alert);
      (deduplicated ? report.existing : report.created).push(
        `${alert.alertType} alert for ${spikeDay}`,
      );
    }
    await costs.close();
    return report;
  },
};
