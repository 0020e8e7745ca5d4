export { prodHardeningApiRef } from './ProdHardeningApi';
export type { ProdHardeningApi, FindingsRequest } from './ProdHardeningApi';
export { ProdHardeningClient } from './ProdHardeningClient';
