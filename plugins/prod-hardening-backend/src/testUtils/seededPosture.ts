import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import { DefaultAwsClientFactory } from '../aws';
import { createPostureEngine } from '../services/posture/createPostureEngine';
import { emulatorConfig, startSeededMoto } from './localAccount';

/**
 * A seeded emulator, the plugin's configuration and client factory on it, and one
 * evaluation of the posture checks (all, or the given ids) keyed by check id.
 */
export async function evaluateSeededPosture(checkIds?: string[]) {
  const { moto, resources } = await startSeededMoto();
  const config = emulatorConfig(moto.endpoint, resources);
  const aws = DefaultAwsClientFactory.fromConfig(config);
  const report = await createPostureEngine(aws, config).evaluate(checkIds);
  const byId: Record<string, CheckResult> = Object.fromEntries(
    report.checks.map(c => [c.id, c]),
  );
  return {
    config,
    aws,
    byId,
    async stop() {
      aws.destroy();
      await moto.stop();
    },
  };
}
