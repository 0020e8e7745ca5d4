import { describeAwsError } from '../../aws';
import type { SecurityHubFacts } from './evaluate';
import type { SecurityHubSource } from '../../sources/securityHub';

/**
 * The hub and its standards, as the check and its remediation both see them. A
 * standards API that fails (denied, or missing on an emulator) is a fact too: the
 * check reports it as not evaluated instead of failing altogether.
 */
export async function readSecurityHubFacts(
  source: SecurityHubSource,
  region: string,
  endpoint?: string,
): Promise<SecurityHubFacts> {
  const hub = await source.describeHub();
  if (!hub.enabled) return { region, hubEnabled: false };
  try {
    const arns = await source.getEnabledStandardsArns();
    return {
      region,
      hubEnabled: true,
      hubArn: hub.hubArn,
      enabledStandardsArns: [...arns].sort(),
    };
  } catch (err) {
    return {
      region,
      hubEnabled: true,
      hubArn: hub.hubArn,
      standardsError: describeAwsError(err, endpoint),
    };
  }
}
