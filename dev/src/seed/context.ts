import type { SeedClients } from './clients';
import type { ResourceNames } from './resources';

/** Everything a seed step needs; steps share no other state. */
export interface SeedContext {
  clients: SeedClients;
  /** The emulator's URL, for its own configuration API (/moto-api/...). */
  endpoint: string;
  region: string;
  accountId: string;
  resources: ResourceNames;
  /** The seed's clock: every timestamp and month-to-date figure is derived from it. */
  now: Date;
}

/** What one step did, for the CLI summary and for idempotency checks in tests. */
export interface StepReport {
  step: string;
  /** Resources that did not exist and were created. */
  created: string[];
  /** Resources that existed; the step brought them back to the story's state. */
  existing: string[];
  /** Resources that the story says must not exist and that were deleted. */
  removed: string[];
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<StepReport>;
}

export function emptyReport(step: string): StepReport {
  return { step, created: [], existing: [], removed: [] };
}
