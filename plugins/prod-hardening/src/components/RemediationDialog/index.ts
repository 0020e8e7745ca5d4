export { RemediationDialog } from './RemediationDialog';
