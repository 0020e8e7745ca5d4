export { ProdHardeningPage } from './ProdHardeningPage';
