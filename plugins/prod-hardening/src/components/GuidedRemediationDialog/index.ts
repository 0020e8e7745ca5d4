export { GuidedRemediationDialog } from './GuidedRemediationDialog';
