export { prodHardeningApiRef } from './ProdHardeningApi';
export type { ProdHardeningApi } from './ProdHardeningApi';
export { ProdHardeningClient } from './ProdHardeningClient';
