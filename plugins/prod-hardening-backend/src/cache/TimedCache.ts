/**
 * A value read at most once per `ttlMs`. Concurrent callers share the read in flight;
 * a read that fails is not kept (the next caller tries again); `refresh` forces a read
 * and `invalidate` forgets the value, e.g. after a change to what it reflects.
 */
export class TimedCache<T> {
  private kept?: { value: T; atMs: number };
  private inFlight?: Promise<T>;

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
    this.inFlight ??= load()
      .then(value => {
        this.kept = { value, atMs: this.nowMs() };
        return value;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  invalidate(): void {
    this.kept = undefined;
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
