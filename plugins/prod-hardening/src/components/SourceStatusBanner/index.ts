export { SourceStatusBanner } from './SourceStatusBanner';
