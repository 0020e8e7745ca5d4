import { resolve } from 'node:path';
import { EnhancedCostMonitoring } from '@prod-hardening/cost-monitoring';
import { startMoto, MotoServer } from '../../stack';
import { createSeedClients, SeedClients } from '../clients';
import { loadResourceNames, ResourceNames } from '../resources';
import { seedDemoAccount } from '../seedDemoAccount';
import {
  aiCostLedgerStep,
  buildLedgerEntries,
  dayTotalMicros,
  SPIKE,
} from './aiCostLedger';
import { dynamoDbStep } from './dynamoDb';
import { snsStep } from './sns';

const NOW = new Date('2026-11-16T15:00:00Z');

describe('buildLedgerEntries', () => {
  const entries = buildLedgerEntries(NOW);

  it('covers openai/azure × four agents, four models in all, every day for 90 days', () => {
    const days = new Set(
      entries.map(e => (e.timestamp as Date).toISOString().slice(0, 10)),
    );
    expect(days.size).toBe(90);
    expect(entries).toHaveLength(90 * 2 * 4);
    expect(new Set(entries.map(e => `${e.provider}/${e.model}`))).toEqual(
      new Set([
        'openai/gpt-4o',
        'openai/gpt-4o-mini',
        'azure/gpt-4',
        'azure/gpt-35-turbo',
      ]),
    );
    expect(new Set(entries.map(e => e.agent))).toEqual(
      new Set(['content', 'chatbot', 'marketing', 'analytics']),
    );
  });

  it('is the same for the same seed and differs for another', () => {
    expect(buildLedgerEntries(NOW)).toEqual(entries);
    expect(buildLedgerEntries(NOW, 7)).not.toEqual(entries);
  });

  it('spends less on weekends than on weekdays', () => {
    // 2026-11-14 is a Saturday, 2026-11-11 a Wednesday.
    expect(dayTotalMicros(entries, '2026-11-14')).toBeLessThan(
      dayTotalMicros(entries, '2026-11-11') * 0.7,
    );
  });

  it("has the chatbot spike the story's anomaly alert describes", () => {
    const spikeDay = '2026-11-10';
    const chatbot = (date: string) =>
      dayTotalMicros(
        entries.filter(
          e => e.agent === 'chatbot' && e.provider === SPIKE.provider,
        ),
        date,
      );
    expect(chatbot(spikeDay)).toBeGreaterThan(chatbot('2026-11-03') * 1.8);
  });

  it('keeps the oldest entry inside the 90-day retention and none in the future', () => {
    const times = entries.map(e => (e.timestamp as Date).getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 90 * 86_400_000);
  });
});

describe('aiCostLedgerStep against the emulator', () => {
  jest.setTimeout(60_000);
  let moto: MotoServer;
  let aws: SeedClients;
  let resources: ResourceNames;

  beforeAll(async () => {
    moto = await startMoto();
    aws = createSeedClients({ endpoint: moto.endpoint, region: 'us-east-1' });
    resources = await loadResourceNames(
      resolve(__dirname, '../../../../app-config.yaml'),
    );
  });

  afterAll(async () => {
    aws?.destroy();
    await moto?.stop();
  });

  it('writes the ledger through the library, with rollups and notified alerts, idempotently', async () => {
    const options = {
      endpoint: moto.endpoint,
      region: 'us-east-1',
      accountId: '123456789012',
      resources,
      now: NOW,
      steps: [snsStep, dynamoDbStep, aiCostLedgerStep],
    };
    const first = await seedDemoAccount(options);
    expect(first.steps.find(s => s.step === 'ai-ledger')?.created).toEqual([
      `ledger ${resources.tables.aiCosts}: 720 entries over 90 days`,
      'anomaly alert for 2026-11-10',
      'daily_limit alert for 2026-11-10',
    ]);
    const second = await seedDemoAccount(options);
    expect(second.steps.flatMap(s => s.created)).toEqual([]);

    const costs = new EnhancedCostMonitoring({
      dynamoDb: aws.dynamoDb,
      tables: resources.tables,
      now: () => NOW,
    });
    const entries = buildLedgerEntries(NOW);
    expect(await costs.getDailyCostMicros('2026-11-12')).toBe(
      dayTotalMicros(entries, '2026-11-12'),
    );
    const rollups = await costs.getDailyRollups();
    expect(rollups).toHaveLength(90 * 8);
    expect(rollups.reduce((s, r) => s + r.amountMicros, 0)).toBe(
      entries.reduce((s, e) => s + (e.amountMicros ?? 0), 0),
    );
    expect(await costs.getCostsByProvider('azure')).toHaveLength(90 * 4);
    const alerts = await costs.listAlerts();
    expect(alerts.map(a => [a.alertType, a.notified])).toEqual([
      ['anomaly', true],
      ['daily_limit', true],
    ]);
  });
});
