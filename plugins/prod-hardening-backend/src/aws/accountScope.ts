import type { ProdHardeningConfig } from '../config';
import type { AccountScope } from '../domain/remediation/affectedResources';
import { partitionOf } from './partition';

/** The watched account as ARNs need it (partition, account id, region). */
export function accountScopeOf(config: ProdHardeningConfig): AccountScope {
  const { accountId, region } = config.aws;
  return { partition: partitionOf(region), accountId, region };
}
