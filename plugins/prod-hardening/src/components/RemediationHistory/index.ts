export { RemediationHistory } from './RemediationHistory';
