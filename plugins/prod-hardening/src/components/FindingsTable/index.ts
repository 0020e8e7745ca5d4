export { FindingsTable } from './FindingsTable';
