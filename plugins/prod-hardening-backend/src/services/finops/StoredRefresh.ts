import type { FinOpsStore } from './FinOpsStore';

export interface StoredRefreshOptions {
  store: FinOpsStore;
  /** The state key the run stores its result under, with a `refreshedAt` ISO time. */
  stateKey: string;
  now: () => Date;
  /** Reads AWS and stores the result (with `refreshedAt`) under `stateKey`. */
  run: () => Promise<void>;
}

/**
 * A billed read whose result lives in the database: one run at a time per process, a
 * run skipped when the stored result is young enough (another replica or a restart did
 * it), and page views that wait for the run in progress rather than show nothing.
 */
export class StoredRefresh {
  private running?: Promise<void>;
  private inProgress?: Promise<unknown>;

  constructor(private readonly options: StoredRefreshOptions) {}

  /** Runs now, or joins the run already going. */
  run(): Promise<void> {
    this.running ??= this.options.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Runs unless the stored result is younger than `maxAgeMs`, once `after` has settled
   * (so start-up reads can go one after the other). Resolves whether it ran.
   */
  runIfStale(maxAgeMs: number, after?: Promise<unknown>): Promise<boolean> {
    const run = (async () => {
      await after?.catch(() => undefined);
      const state = await this.options.store.getState<{ refreshedAt: string }>(
        this.options.stateKey,
      );
      const age = state
        ? this.options.now().getTime() - Date.parse(state.refreshedAt)
        : Infinity;
      if (age < maxAgeMs) return false;
      await this.run();
      return true;
    })();
    this.inProgress = run.catch(() => undefined);
    return run;
  }

  /** Settles once the latest `runIfStale` has (never rejects). */
  async settled(): Promise<void> {
    await this.inProgress;
  }
}
