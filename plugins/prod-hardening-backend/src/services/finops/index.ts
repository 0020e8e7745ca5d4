export {
  createFinOpsFeature,
  REFRESH_EVERY_HOURS,
} from './createFinOpsFeature';
export type {
  FinOpsFeature,
  FinOpsFeatureOptions,
} from './createFinOpsFeature';
export { OptimisationService } from './OptimisationService';
export { FinOpsService, COST_EXPLORER_USD_PER_REQUEST } from './FinOpsService';
export { FinOpsStore } from './FinOpsStore';
export {
  AnomalyFeedbackService,
  ANOMALY_FEEDBACK_EVENT,
} from './AnomalyFeedbackService';
export { AnomalyFeedbackStore } from './AnomalyFeedbackStore';
