import type { AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { buildCheckRunners } from './checkRunners';
import { PostureCheckEngine } from './PostureCheckEngine';
import { createPostureSources, PostureSources } from './sources';

/** The check engine for an account: used by the plugin and by the runbook CLI. */
export function createPostureEngine(
  aws: AwsClientFactory,
  config: ProdHardeningConfig,
  options: {
    sources?: PostureSources;
    autoRemediable?: ReadonlySet<string>;
  } = {},
): PostureCheckEngine {
  return new PostureCheckEngine({
    runners: buildCheckRunners(
      options.sources ?? createPostureSources(aws),
      config,
    ),
    accountId: config.aws.accountId,
    region: config.aws.region,
    endpoint: config.aws.endpoint,
    autoRemediable: options.autoRemediable,
  });
}
