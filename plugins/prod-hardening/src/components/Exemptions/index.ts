export { ExemptButton } from './ExemptButton';
export { ExemptDialog } from './ExemptDialog';
export type { ExemptTarget } from './ExemptDialog';
export { ExemptionsList } from './ExemptionsList';
