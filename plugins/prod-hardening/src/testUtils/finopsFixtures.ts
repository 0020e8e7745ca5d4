import type {
  AiUnitCostRow,
  AiUsage,
  CostForecast,
  FinOpsOverview,
  WeekOverWeekTable,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';

const usage = (costMicros: number): AiUsage => ({
  costMicros,
  inputTokens: 750_000,
  outputTokens: 250_000,
  requests: 400,
  costPer1kTokensMicros: costMicros / 1000,
  costPerRequestMicros: costMicros / 400,
  tokensPerRequest: 2500,
});

const unitRow = (
  dimension: AiUnitCostRow['dimension'],
  key: string,
  current: number,
  previous: number,
): AiUnitCostRow => ({
  dimension,
  key,
  current: usage(current),
  previous: usage(previous),
  costChangePercent: ((current - previous) / previous) * 100,
  costPer1kTokensChangePercent: 0,
  costPerRequestChangePercent: 0,
});

const unitEconomics = {
  periods: {
    current: { from: '2026-11-21', to: '2026-11-27', days: 7 },
    previous: { from: '2026-11-14', to: '2026-11-20', days: 7 },
  },
  total: unitRow('total', 'Total', 100_000_000, 90_000_000),
  byProvider: [
    unitRow('provider', 'openai', 60_000_000, 50_000_000),
    unitRow('provider', 'azure', 40_000_000, 40_000_000),
  ],
  byAgent: [unitRow('agent', 'chatbot', 30_000_000, 20_000_000)],
  byModel: [unitRow('model', 'openai/gpt-4o', 20_000_000, 20_000_000)],
};

const forecast: CostForecast = {
  month: '2026-11',
  asOf: '2026-11-27',
  budgetMicros: 500_000_000,
  burn: {
    budgetMicros: 500_000_000,
    daysInMonth: 30,
    elapsedDays: 27,
    remainingDays: 3,
    monthToDateMicros: 664_000_000,
    proRatedBudgetMicros: 450_000_000,
    overProRatedMicros: 214_000_000,
    percentOfProRated: 147.6,
    allowedDailyMicros: 16_666_667,
    burnRateDailyMicros: 24_600_000,
    burnRatio: 1.48,
    averageDailyMicros: 24_592_593,
  },
  runRate: {
    method: 'runRate',
    monthEndMicros: 737_800_000,
    percentOfBudget: 147.6,
    exhaustion: { day: '2026-11-21', basis: 'actual' },
  },
  holt: {
    method: 'holt',
    monthEndMicros: 740_000_000,
    monthEndLowMicros: 720_000_000,
    monthEndHighMicros: 760_000_000,
    percentOfBudget: 148,
    exhaustion: { day: '2026-11-21', basis: 'actual' },
  },
  parameters: {
    runRateDays: 7,
    historyDays: 28,
    alpha: 0.3,
    beta: 0.1,
    phi: 1,
    bandZ: 1.2816,
  },
  points: [],
};

export const overviewFixture: FinOpsOverview = {
  generatedAt: '2026-11-28T02:00:00.000Z',
  month: '2026-11',
  sources: [
    { id: 'budgets', label: 'AWS Budgets', state: 'ok' },
    { id: 'costExplorer', label: 'Cost Explorer daily costs', state: 'ok' },
    {
      id: 'costForecast',
      label: 'Cost Explorer forecast',
      state: 'unavailable',
      reason:
        "the API is not available on this endpoint (HTTP 404) — showing the portal's own forecast only",
    },
  ],
  budget: {
    name: 'huntaze-monthly-budget',
    limitMicros: 500_000_000,
    actualMicros: 675_000_000,
    forecastMicros: 750_000_000,
    notifications: [
      {
        notificationType: 'FORECASTED',
        threshold: 80,
        thresholdType: 'PERCENTAGE',
        thresholdMicros: 400_000_000,
        comparedMicros: 750_000_000,
        fired: true,
      },
      {
        notificationType: 'ACTUAL',
        threshold: 100,
        thresholdType: 'PERCENTAGE',
        thresholdMicros: 500_000_000,
        comparedMicros: 675_000_000,
        fired: true,
      },
    ],
  },
  forecastBasis: 'own',
  forecast,
  awsForecast: null,
  serviceCosts: [
    { day: '2026-11-26', service: 'Amazon RDS', amountMicros: 5_400_000 },
    { day: '2026-11-27', service: 'Amazon RDS', amountMicros: 5_400_000 },
  ],
  anomalies: [
    {
      id: '2026-11-25/service/AmazonCloudWatch',
      day: '2026-11-25',
      dimension: 'service',
      series: 'AmazonCloudWatch',
      expectedMicros: 1_300_000,
      actualMicros: 39_300_000,
      impactMicros: 38_000_000,
      score: 120.5,
      scoreMethod: 'mad',
      direction: 'spike',
      windowDays: 28,
      feedback: null,
    },
  ],
  awsAnomalies: [],
  ai: {
    daily: [
      {
        day: '2026-11-26',
        provider: 'openai',
        agent: 'chatbot',
        amountMicros: 3_000_000,
      },
      {
        day: '2026-11-27',
        provider: 'openai',
        agent: 'chatbot',
        amountMicros: 2_000_000,
      },
    ],
    byProviderAgent: [
      { provider: 'openai', agent: 'chatbot', amountMicros: 5_000_000 },
    ],
    unitEconomics,
  },
  alerts: [
    {
      id: 'a1',
      createdAt: '2026-11-22T20:00:00Z',
      alertType: 'daily_limit',
      severity: 'critical',
      message: 'AI spend on 2026-11-22 reached the $20.00 daily limit',
      amountMicros: 21_000_000,
      thresholdMicros: 20_000_000,
      notified: false,
    },
  ],
  costExplorerUsage: {
    month: '2026-11',
    requests: 3,
    costMicros: 30_000,
    lastRefreshAt: '2026-11-28T01:00:00.000Z',
    refreshEveryHours: 6,
  },
};

const moverTable = (key: string): WeekOverWeekTable => ({
  dimension: 'service',
  currentMicros: 170_000_000,
  previousMicros: 160_000_000,
  changeMicros: 10_000_000,
  changePercent: 6.25,
  movers: [
    {
      key,
      status: 'up',
      currentMicros: 170_000_000,
      previousMicros: 160_000_000,
      changeMicros: 10_000_000,
      changePercent: 6.25,
    },
  ],
  others: {
    count: 0,
    currentMicros: 0,
    previousMicros: 0,
    changeMicros: 0,
    changePercent: null,
  },
});

export const weeklyReviewFixture: WeeklyReviewReport = {
  generatedAt: '2026-11-28T02:00:00.000Z',
  periods: unitEconomics.periods,
  totals: {
    aws: {
      currentMicros: 212_340_000,
      previousMicros: 171_000_000,
      changeMicros: 41_340_000,
      changePercent: 24.18,
    },
    ai: {
      currentMicros: 100_000_000,
      previousMicros: 90_000_000,
      changeMicros: 10_000_000,
      changePercent: 11.11,
    },
  },
  movers: {
    services: moverTable('AmazonCloudWatch'),
    agents: moverTable('chatbot'),
    providers: moverTable('openai'),
  },
  budget: {
    month: '2026-11',
    burn: forecast.burn,
    runRate: forecast.runRate,
    holt: forecast.holt,
    parameters: forecast.parameters,
  },
  anomalies: overviewFixture.anomalies,
  aiUnitEconomics: unitEconomics,
  openAlerts: overviewFixture.alerts,
};
