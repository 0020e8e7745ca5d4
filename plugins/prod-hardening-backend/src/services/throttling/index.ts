export { createThrottlingFeature } from './createThrottlingFeature';
export type { ThrottlingFeature } from './createThrottlingFeature';
export { ThrottlingService } from './ThrottlingService';
export { DlqRedriveService } from './DlqRedriveService';
