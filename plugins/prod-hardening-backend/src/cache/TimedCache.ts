/**
 * A value read at most once per `ttlMs`. Concurrent callers share the read in flight;
 * a read that fails is not kept (the next caller tries again); `refresh` forces a read
 * and `invalidate` forgets the value, e.g. after a change to what it reflects. A read
 * in flight when `invalidate` is called still answers its callers but is not kept,
 * since it may predate the change.
 */
export class TimedCache<T> {
  private kept?: { value: T; atMs: number };
  private inFlight?: Promise<T>;
  /** Bumped by invalidate, so a read started before it is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get(load: () => Promise<T>, options: { refresh?: boolean } = {}): Promise<T> {
    if (
      !options.refresh &&
      this.kept &&
      this.nowMs() - this.kept.atMs < this.ttlMs
    ) {
      return Promise.resolve(this.kept.value);
    }
    if (!this.inFlight) {
      const generation = this.generation;
      const read: Promise<T> = load()
        .then(value => {
          if (generation === this.generation) {
            this.kept = { value, atMs: this.nowMs() };
          }
          return value;
        })
        .finally(() => {
          if (this.inFlight === read) this.inFlight = undefined;
        });
      this.inFlight = read;
    }
    return this.inFlight;
  }

  invalidate(): void {
    this.kept = undefined;
    this.inFlight = undefined;
    this.generation++;
  }
}

/** One TimedCache per key, e.g. per monitor ARN. */
export class KeyedTimedCache<T> {
  private readonly caches = new Map<string, TimedCache<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new TimedCache<T>(this.ttlMs, this.nowMs);
      this.caches.set(key, cache);
    }
    return cache.get(load);
  }
}
