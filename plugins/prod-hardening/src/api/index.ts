export { prodHardeningApiRef } from './ProdHardeningApi';
export type {
  DownloadedFile,
  FindingsRequest,
  ProdHardeningApi,
  WeeklyReviewDownloadFormat,
} from './ProdHardeningApi';
export { ProdHardeningClient } from './ProdHardeningClient';
