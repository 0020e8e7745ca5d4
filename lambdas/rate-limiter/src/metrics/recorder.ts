import type { Redis, Cluster } from 'ioredis';
import {
  CounterName,
  DEFAULT_METRICS_PREFIX,
  epochMinute,
  latencyField,
  metricsKeys,
} from '../contract';

/**
 * KEYS[1]: the limits hash. ARGV: field, value, field, value, …
 * Writes the limits only when the hash is missing: Redis restarted empty or failed
 * over to a replica without it. One command per flush, so the dashboard shows the
 * limits again on the first flush after the loss, and an intact hash keeps the time
 * it was written.
 */
export const RESTORE_LIMITS_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

interface MinuteBuffer {
  counters: Map<string, number>;
  latency: Map<string, number>;
  creators: Map<string, number>;
}

export interface FallbackFlag {
  active: boolean;
  atMs: number;
  reason?: string;
}

export interface MetricsRecorderOptions {
  redis: Redis | Cluster;
  prefix?: string;
  /** Per-minute keys expire this long after their last write. */
  ttlSeconds?: number;
  /** Identifies this instance in the fallback flag. */
  instanceId: string;
  /** False while Redis is known to be down: flushing is skipped, data kept. */
  isRedisAvailable?: () => boolean;
  /** Buffered minutes kept while Redis cannot be written; older ones are dropped. */
  maxBufferedMinutes?: number;
}

/**
 * Collects metrics in memory on the decision path and writes them to Redis in
 * one pipeline per flush (once per batch), so recording never waits on Redis.
 * Data that cannot be written is kept and written with the next flush.
 */
export class MetricsRecorder {
  private buffers = new Map<number, MinuteBuffer>();
  private fallbackChanges: FallbackFlag[] = [];
  private limits?: Record<string, number>;
  private readonly keys: ReturnType<typeof metricsKeys>;
  private readonly ttlSeconds: number;
  private readonly maxBufferedMinutes: number;
  private readonly options: MetricsRecorderOptions;

  constructor(options: MetricsRecorderOptions) {
    this.options = options;
    this.keys = metricsKeys(options.prefix ?? DEFAULT_METRICS_PREFIX);
    this.ttlSeconds = options.ttlSeconds ?? 26 * 3600;
    this.maxBufferedMinutes = options.maxBufferedMinutes ?? 120;
  }

  count(name: CounterName, nowMs: number, by = 1): void {
    add(this.buffer(nowMs).counters, name, by);
  }

  /** One limiter decision: its latency and the creator it was for. */
  decision(userId: string, latencyMs: number, nowMs: number): void {
    const buffer = this.buffer(nowMs);
    add(buffer.latency, latencyField(latencyMs), 1);
    add(buffer.latency, 'count', 1);
    add(buffer.latency, 'sum_us', Math.round(latencyMs * 1000));
    add(buffer.creators, userId, 1);
  }

  /** Queues a fallback-mode transition; transitions are written in order. */
  fallbackChanged(flag: FallbackFlag): void {
    this.fallbackChanges.push(flag);
    if (this.fallbackChanges.length > 100) this.fallbackChanges.shift();
  }

  /** Writes everything buffered. Never throws; returns false if Redis refused. */
  async flush(nowMs = Date.now()): Promise<boolean> {
    if (this.options.isRedisAvailable && !this.options.isRedisAvailable())
      return false;
    if (this.buffers.size === 0 && this.fallbackChanges.length === 0)
      return true;
    const buffers = this.buffers;
    const changes = this.fallbackChanges;
    this.buffers = new Map();
    this.fallbackChanges = [];

    const pipeline = this.options.redis.pipeline();
    for (const [minute, buffer] of buffers) {
      const counters = this.keys.counters(minute);
      const latency = this.keys.latency(minute);
      const creators = this.keys.creators(minute);
      for (const [field, by] of buffer.counters)
        pipeline.hincrby(counters, field, by);
      for (const [field, by] of buffer.latency)
        pipeline.hincrby(latency, field, by);
      for (const [userId, by] of buffer.creators)
        pipeline.zincrby(creators, by, userId);
      if (buffer.counters.size) pipeline.expire(counters, this.ttlSeconds);
      if (buffer.latency.size) pipeline.expire(latency, this.ttlSeconds);
      if (buffer.creators.size) pipeline.expire(creators, this.ttlSeconds);
    }
    for (const flag of changes) {
      const fields: Record<string, string | number> = {
        active: flag.active ? 1 : 0,
        changed_at_ms: flag.atMs,
        instance: this.options.instanceId,
      };
      if (flag.active) {
        fields.since_ms = flag.atMs;
        fields.reason = flag.reason ?? '';
      } else {
        fields.ended_at_ms = flag.atMs;
      }
      pipeline.hset(this.keys.fallback, fields);
    }
    if (this.limits) {
      const fields = Object.entries({
        ...this.limits,
        updated_at_ms: nowMs,
      }).flat();
      pipeline.eval(RESTORE_LIMITS_LUA, 1, this.keys.limits, ...fields);
    }
    try {
      const results = await pipeline.exec();
      // nothing applied (e.g. connection lost): keep it all for the next flush
      if (!results || results.every(([error]) => error))
        throw new Error('not written');
      return true;
    } catch {
      this.restore(buffers, changes);
      return false;
    }
  }

  /**
   * Records the limits in force, for the dashboard, and keeps them: every flush
   * writes them again if they are missing (see `RESTORE_LIMITS_LUA`), so a Redis
   * that restarted empty shows them again after the next flush.
   */
  async writeLimits(
    fields: Record<string, number>,
    nowMs = Date.now(),
  ): Promise<void> {
    this.limits = fields;
    await this.options.redis.hset(this.keys.limits, {
      ...fields,
      updated_at_ms: nowMs,
    });
  }

  private buffer(nowMs: number): MinuteBuffer {
    const minute = epochMinute(nowMs);
    let buffer = this.buffers.get(minute);
    if (!buffer) {
      buffer = { counters: new Map(), latency: new Map(), creators: new Map() };
      this.buffers.set(minute, buffer);
      this.dropOldest();
    }
    return buffer;
  }

  private restore(buffers: Map<number, MinuteBuffer>, changes: FallbackFlag[]) {
    for (const [minute, old] of buffers) {
      const current = this.buffers.get(minute);
      if (!current) {
        this.buffers.set(minute, old);
        continue;
      }
      for (const [k, v] of old.counters) add(current.counters, k, v);
      for (const [k, v] of old.latency) add(current.latency, k, v);
      for (const [k, v] of old.creators) add(current.creators, k, v);
    }
    this.fallbackChanges = [...changes, ...this.fallbackChanges];
    this.buffers = new Map([...this.buffers].sort(([a], [b]) => a - b));
    this.dropOldest();
  }

  private dropOldest() {
    while (this.buffers.size > this.maxBufferedMinutes) {
      const oldest = Math.min(...this.buffers.keys());
      this.buffers.delete(oldest);
    }
  }
}

function add(map: Map<string, number>, key: string, by: number) {
  map.set(key, (map.get(key) ?? 0) + by);
}
