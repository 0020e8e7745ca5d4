import { KeyedTimedCache, TimedCache } from './TimedCache';

describe('TimedCache', () => {
  let nowMs = 0;
  let reads = 0;
  const load = async () => ++reads;

  beforeEach(() => {
    nowMs = 0;
    reads = 0;
  });

  it('reads once per period and shares the read in flight', async () => {
    const cache = new TimedCache<number>(1000, () => nowMs);
    expect(await Promise.all([cache.get(load), cache.get(load)])).toEqual([
      1, 1,
    ]);
    nowMs = 999;
    expect(await cache.get(load)).toBe(1);
    nowMs = 1000;
    expect(await cache.get(load)).toBe(2);
  });

  it('reads again when asked to refresh or after invalidate', async () => {
    const cache = new TimedCache<number>(1000, () => nowMs);
    await cache.get(load);
    expect(await cache.get(load, { refresh: true })).toBe(2);
    cache.invalidate();
    expect(await cache.get(load)).toBe(3);
  });

  it('does not keep a read that was in flight when invalidated', async () => {
    const cache = new TimedCache<number>(1000, () => nowMs);
    let finishFirst!: (value: number) => void;
    const first = cache.get(
      () => new Promise<number>(resolve => (finishFirst = resolve)),
    );
    cache.invalidate();
    finishFirst(41);
    expect(await first).toBe(41);
    expect(await cache.get(load)).toBe(1);
    expect(await cache.get(load)).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const cache = new TimedCache<number>(1000, () => nowMs);
    await expect(
      cache.get(async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await cache.get(load)).toBe(1);
  });

  it('keeps one value per key', async () => {
    const cache = new KeyedTimedCache<string>(1000, () => nowMs);
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
    expect(await cache.get('a', async () => 'changed')).toBe('A');
  });
});
