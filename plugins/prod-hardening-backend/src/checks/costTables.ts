import type { ProdHardeningConfig } from '../config';
import type { CheckBinding } from './PostureCheck';

/** The seed's cost tables: the AI-cost ledger and the cost alerts. */
export function costTableNames({ resources }: ProdHardeningConfig): string[] {
  return [resources.tables.aiCosts, resources.tables.costAlerts];
}

/** Backups and TTL of each cost table: what the PITR and TTL checks evaluate. */
export interface TableProtectionFacts {
  tables: Array<{
    name: string;
    found: boolean;
    pointInTimeRecovery: boolean;
    ttlStatus?: string;
    ttlAttribute?: string;
  }>;
}

/** Read once per evaluation: the PITR and TTL checks both need every cost table. */
export function costTableProtection({
  sources,
  config,
  context,
}: CheckBinding): Promise<TableProtectionFacts> {
  return context.once('dynamodb:cost-table-protection', async () => ({
    tables: await Promise.all(
      costTableNames(config).map(t => sources.dynamoDb.getProtection(t)),
    ),
  }));
}
