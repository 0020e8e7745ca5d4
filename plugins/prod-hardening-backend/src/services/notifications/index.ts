export { NoticeLedger } from './NoticeLedger';
export { OwnerNotifier } from './OwnerNotifier';
export type { OwnerNotifierOptions, ScanResult } from './OwnerNotifier';
