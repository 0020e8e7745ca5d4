export { FinOpsTab } from './FinOpsTab';
