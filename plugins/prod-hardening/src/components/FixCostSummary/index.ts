export { FixCostSummary } from './FixCostSummary';
