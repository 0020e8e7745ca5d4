export {
  windowMinutes,
  buildMinuteSeries,
  parseCounters,
  sumCounters,
} from './series';
export type { RawMinute } from './series';
export {
  mergeHistograms,
  parseHistogram,
  percentile,
  summarizeLatency,
} from './latency';
export type { Histogram, RawHistogram } from './latency';
export { busyCreator, mergeBusiestCreators } from './creators';
export type { CreatorPeek, ZsetReply } from './creators';
export { parseFallback, parseLimits } from './flags';
export { oldestAgeSeconds } from './dlq';
export { nextBatchSize, planBoundedMove } from './redrive';
export type { BoundedMovePlan, CopyEntry, DlqMessage } from './redrive';
