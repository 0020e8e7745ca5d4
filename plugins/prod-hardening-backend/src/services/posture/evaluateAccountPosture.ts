import type { PostureReport } from '@prod-hardening/plugin-prod-hardening-common';
import { DefaultAwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { createPostureEngine } from './createPostureEngine';

/**
 * One evaluation of the posture checks (all, or the given ids) against the configured
 * account, with the plugin's own AWS client factory, for code outside the plugin that
 * needs the portal's verdict on an account (e.g. the Terraform apply test in
 * infra/terraform). The clients are destroyed before it returns.
 */
export async function evaluateAccountPosture(
  config: ProdHardeningConfig,
  checkIds?: string[],
): Promise<PostureReport> {
  const aws = DefaultAwsClientFactory.fromConfig(config);
  try {
    return await createPostureEngine(aws, config).evaluate(checkIds);
  } finally {
    aws.destroy();
  }
}
