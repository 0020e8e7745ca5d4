export { FindingDrawer } from './FindingDrawer';
