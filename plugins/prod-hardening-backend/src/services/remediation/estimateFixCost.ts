import { describeAwsError } from '../../aws';
import type { CheckBinding, FixCostModel } from '../../checks/PostureCheck';
import {
  unknownCost,
  type FixCost,
  type PriceQuery,
} from '../../domain/fixCost/fixCost';
import type { UnitPrice } from '../../domain/fixCost/prices';

/** Reads unit prices (PriceListSource). */
export interface PriceReader {
  unitPrice(query: PriceQuery & { regionCode: string }): Promise<UnitPrice>;
}

/**
 * A fix's cost: its unit prices from the Price List for the account's region and its
 * usage from the account, both read at once, then the model's pure estimate. A read
 * that fails makes the cost unknown with the reason, never the preview fail.
 */
export async function estimateFixCost<S>(
  model: FixCostModel<S, any, any>,
  input: {
    binding: CheckBinding;
    state: S;
    pricing: PriceReader;
  },
): Promise<FixCost> {
  const { binding, state, pricing } = input;
  const { region, endpoint, pricingEndpoint } = binding.config.aws;
  const names = Object.keys(model.prices);
  const [prices, usage] = await Promise.allSettled([
    Promise.all(
      names.map(
        async name =>
          [
            name,
            await pricing.unitPrice({
              ...model.prices[name],
              regionCode: region,
            }),
          ] as const,
      ),
    ),
    model.usage?.(binding, state),
  ]);
  if (prices.status === 'rejected') {
    return unknownCost(
      `pricing could not be read: ${describeAwsError(
        prices.reason,
        pricingEndpoint ?? endpoint,
      )}`,
    );
  }
  if (usage.status === 'rejected') {
    return unknownCost(
      `usage could not be read from the account: ${describeAwsError(
        usage.reason,
        endpoint,
      )}`,
    );
  }
  return model.estimate({
    state,
    usage: usage.value,
    prices: Object.fromEntries(prices.value),
  });
}

/**
 * `estimate` when it answers within `ms`, else unknown: a slow Price List must not hold
 * the preview. The estimate goes on in the background and fills the price cache for the
 * next preview.
 */
export async function fixCostWithin(
  estimate: Promise<FixCost>,
  ms: number,
): Promise<FixCost> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FixCost>(resolve => {
    timer = setTimeout(
      () =>
        resolve(
          unknownCost(
            `pricing did not answer in time (${
              ms / 1000
            } s); preview again in a moment.`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([
      estimate.catch(err =>
        unknownCost(`pricing could not be read: ${String(err)}`),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
