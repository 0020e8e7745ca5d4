import { describeAwsError } from '../../aws';
import type { CostAnomalyFacts } from './evaluate';
import type { CostAnomalyDetectionSource } from '../../sources/costAnomalyDetection';

/**
 * The named monitor and its subscriptions. A Cost Anomaly Detection API that fails
 * (denied, or missing on an emulator) is a fact too: the check reports it as not
 * evaluated, with the reason, and names the monitor it could not verify.
 */
export async function readCostAnomalyFacts(
  source: CostAnomalyDetectionSource,
  names: { monitorName: string; costTopicArn: string },
  endpoint?: string,
): Promise<CostAnomalyFacts> {
  try {
    const monitors = await source.listMonitors();
    const monitor = monitors.find(m => m.name === names.monitorName);
    return {
      ...names,
      monitors,
      subscriptions: monitor ? await source.listSubscriptions(monitor.arn) : [],
    };
  } catch (err) {
    return { ...names, readError: describeAwsError(err, endpoint) };
  }
}
