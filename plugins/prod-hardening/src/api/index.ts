export { prodHardeningApiRef } from './ProdHardeningApi';
export type {
  DownloadedFile,
  EntityReference,
  FindingsRequest,
  ProdHardeningApi,
  WeeklyReviewDownloadFormat,
} from './ProdHardeningApi';
export { ProdHardeningClient } from './ProdHardeningClient';
