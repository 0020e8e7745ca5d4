export { MetricsRecorder } from './recorder';
export type { FallbackFlag, MetricsRecorderOptions } from './recorder';
