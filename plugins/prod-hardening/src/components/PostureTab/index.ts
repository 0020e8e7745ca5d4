export { PostureTab } from './PostureTab';
