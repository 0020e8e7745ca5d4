export { SuccessMetricsTab } from './SuccessMetricsTab';
