export { EntityProdHardeningCard } from './EntityProdHardeningCard';
export { EntityProdHardeningContent } from './EntityProdHardeningContent';
