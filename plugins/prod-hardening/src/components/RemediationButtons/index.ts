export {
  RemediateButton,
  RemediationEntry,
  RunbookButton,
} from './RemediationButtons';
