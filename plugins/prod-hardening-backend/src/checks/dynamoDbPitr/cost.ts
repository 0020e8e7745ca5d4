import {
  estimated,
  formatGb,
  GB,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate, tieredCost } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import type { TablesState } from './plan';

/** Table sizes in bytes by name, from DescribeTable's TableSizeBytes. */
export interface TableSizes {
  bytesByTable: Record<string, number>;
}

/** The tables the plan turns PITR on for. */
function turnedOn(state: TablesState) {
  return state.tables.filter(t => t.found && !t.pointInTimeRecovery);
}

export function estimatePitrCost({
  state,
  usage,
  prices,
}: Parameters<FixCostModel<TablesState, TableSizes, 'pitr'>['estimate']>[0]) {
  const tables = turnedOn(state);
  if (tables.length === 0) return noCharge('no table changes.');
  const bytes = tables.reduce(
    (sum, t) => sum + (usage.bytesByTable[t.name] ?? 0),
    0,
  );
  const rate = firstPaidRate(prices.pitr);
  return estimated(tieredCost(bytes / GB, prices.pitr.tiers), [
    `PITR storage is billed on the table size: ${formatGb(bytes)} for ${tables
      .map(t => t.name)
      .join(
        ', ',
      )} (TableSizeBytes from DescribeTable, which AWS refreshes about every six hours).`,
    `Priced at ${quote(
      prices.pitr,
      rate,
    )}; the cost grows with the tables, and a restore is billed separately.`,
  ]);
}

/** PITR bills the protected table size per GB-month. */
export const dynamoDbPitrCost: FixCostModel<TablesState, TableSizes, 'pitr'> = {
  prices: {
    pitr: {
      serviceCode: 'AmazonDynamoDB',
      filters: { productFamily: 'Database Storage' },
      usagetype: 'TimedPITRStorage-ByteHrs',
    },
  },
  usage: async ({ sources }, state) => ({
    bytesByTable: Object.fromEntries(
      await Promise.all(
        turnedOn(state).map(
          async t =>
            [t.name, await sources.dynamoDb.tableSizeBytes(t.name)] as const,
        ),
      ),
    ),
  }),
  estimate: estimatePitrCost,
};
