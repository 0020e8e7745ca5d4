export { ThrottlingTab } from './ThrottlingTab';
