import { freeFix, type CheckBinding, type PostureCheck } from '../PostureCheck';
import {
  evaluateAccountPublicAccessBlock,
  PublicAccessBlockFacts,
} from './evaluate';
import { accountPublicAccessBlockMeta } from './meta';
import { AccountBpaState, planAccountPublicAccessBlock } from './plan';

const accountSettings = async ({ sources, config }: CheckBinding) => ({
  accountId: config.aws.accountId,
  config: await sources.s3Control.getAccountPublicAccessBlock(),
});

/** The settings, and the website buckets the change would stop serving (the plan's blockers). */
async function settingsAndWebsiteBuckets(
  binding: CheckBinding,
): Promise<AccountBpaState> {
  const { s3 } = binding.sources;
  const [settings, buckets] = await Promise.all([
    accountSettings(binding),
    s3.listBucketNames(),
  ]);
  const website = await Promise.all(
    buckets.map(async b => ((await s3.hasWebsite(b)) ? b : undefined)),
  );
  return {
    ...settings,
    websiteBuckets: website.filter((b): b is string => Boolean(b)).sort(),
  };
}

/** Account-wide S3 Block Public Access; fixed with all four settings on. */
export const accountPublicAccessBlockCheck = {
  meta: accountPublicAccessBlockMeta,
  facts: accountSettings,
  evaluate: evaluateAccountPublicAccessBlock,
  remediation: {
    resourceId: config => `arn:aws:s3:::account/${config.aws.accountId}`,
    state: settingsAndWebsiteBuckets,
    plan: planAccountPublicAccessBlock,
    cost: freeFix<AccountBpaState>(
      'Block Public Access is an account setting AWS does not bill.',
    ),
  },
} satisfies PostureCheck<PublicAccessBlockFacts, AccountBpaState>;
