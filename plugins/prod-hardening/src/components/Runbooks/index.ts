export { RunbookDrawer } from './RunbookDrawer';
export { RunbookLink } from './RunbookLink';
export { RUNBOOK_PARAM, runbookLinkTarget } from './runbookLinks';
