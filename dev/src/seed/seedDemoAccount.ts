import { createSeedClients } from './clients';
import type { SeedContext, SeedStep, StepReport } from './context';
import type { ResourceNames } from './resources';
import { STORY_STEPS } from './steps';

export interface SeedOptions {
  /** The emulator's URL, e.g. http://127.0.0.1:5055. */
  endpoint: string;
  region: string;
  accountId: string;
  resources: ResourceNames;
  /** The seed's clock; defaults to the current time. */
  now?: Date;
  /** Which steps to run, in order; defaults to the whole story. */
  steps?: readonly SeedStep[];
}

export interface SeedSummary {
  endpoint: string;
  region: string;
  accountId: string;
  now: Date;
  steps: StepReport[];
}

/**
 * Builds the seed's starting story in the emulator. Idempotent: every step creates
 * what is missing and puts what exists back into the story's state, so a second run
 * leaves the same account (and resets one that remediations have changed).
 * Steps run one after another: the emulator is not thread-safe, and a failure then
 * names the step that caused it.
 */
export async function seedDemoAccount(
  options: SeedOptions,
): Promise<SeedSummary> {
  const { endpoint, region, accountId, resources } = options;
  const now = options.now ?? new Date();
  const clients = createSeedClients({ endpoint, region });
  const ctx: SeedContext = {
    clients,
    endpoint,
    region,
    accountId,
    resources,
    now,
  };
  const reports: StepReport[] = [];
  try {
    for (const step of options.steps ?? STORY_STEPS) {
      try {
        reports.push(await step.run(ctx));
      } catch (err) {
        const reason =
          err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new Error(`seed step "${step.name}" failed: ${reason}`, {
          cause: err,
        });
      }
    }
  } finally {
    clients.destroy();
  }
  return { endpoint, region, accountId, now, steps: reports };
}

/** A few lines for a terminal: per step, what was created, kept and removed. */
export function formatSeedSummary(summary: SeedSummary): string {
  const lines = [
    `Seeded account ${summary.accountId} (${summary.region}) at ${
      summary.endpoint
    }, now=${summary.now.toISOString()}`,
  ];
  for (const r of summary.steps) {
    const parts = [
      r.created.length ? `created ${r.created.join(', ')}` : '',
      r.existing.length ? `kept ${r.existing.join(', ')}` : '',
      r.removed.length ? `removed ${r.removed.join(', ')}` : '',
    ].filter(Boolean);
    lines.push(`  ${r.step.padEnd(12)} ${parts.join('; ') || 'nothing to do'}`);
  }
  return lines.join('\n');
}
