export {
  readProdHardeningConfig,
  ProdHardeningConfigError,
  CONFIG_ROOT,
} from './readConfig';
export type { ProdHardeningConfig } from './schema';
