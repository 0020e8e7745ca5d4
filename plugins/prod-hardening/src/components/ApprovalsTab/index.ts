export { ApprovalsTab } from './ApprovalsTab';
