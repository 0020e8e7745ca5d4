export { MetricsRecorder } from './recorder';
export type { FallbackFlag, MetricsRecorderOptions } from './recorder';
export {
  COUNTERS,
  DEFAULT_METRICS_PREFIX,
  LATENCY_BUCKETS_MS,
  epochMinute,
  latencyField,
  metricsKeys,
} from './keys';
export type { CounterName } from './keys';
