import type { CheckMeta } from '../../domain/posture/checkMeta';

export const costAnomalyDetectionMeta = {
  id: 'cost-anomaly-detection',
  title: 'Cost Anomaly Detection alerts the cost topic',
  pillar: 'finops-hygiene',
  control: 'baseline',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: 'An account has at most one AWS-services monitor, and the subscription needs the cost topic to allow Cost Anomaly Detection to publish: the module (cost_anomaly.tf) imports or creates both with the topic policy.',
  },
} as const satisfies CheckMeta;
