import { CHECKS } from '../domain/posture/catalog';
import { AUTOMATED_CHECKS, CHECK_MODULES } from '.';

describe('the check modules', () => {
  it('have distinct ids, each the catalog entry of the same check', () => {
    const ids = CHECK_MODULES.map(c => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const catalog = Object.values(CHECKS);
    for (const check of CHECK_MODULES) {
      expect(catalog).toContain(check.meta);
    }
  });

  it('are the posture report, in its order', () => {
    expect(CHECK_MODULES.map(c => c.meta.id)).toEqual([
      's3-account-public-access-block',
      'guardduty-enabled',
      'securityhub-fsbp-enabled',
      'cloudtrail-multi-region',
      'elasticache-encryption',
      'rds-force-ssl',
      'cloudwatch-logs-retention',
      'ecs-container-insights',
      'dynamodb-pitr',
      'dynamodb-ttl',
      'sqs-encryption',
      'secretsmanager-rotation',
      'vpc-gateway-endpoints',
      'cloudwatch-alarms',
      'ecs-task-roles',
      'sns-encryption',
      'ecs-service-resilience',
      's3-intelligent-tiering',
      'cost-anomaly-detection',
      'lambda-alias-in-use',
    ]);
    expect(Object.values(CHECKS)).toEqual(CHECK_MODULES.map(c => c.meta));
  });

  it('plan a remediation exactly when their metadata says it is automated', () => {
    for (const check of CHECK_MODULES) {
      expect({
        id: check.meta.id,
        automated: check.meta.remediation.kind === 'automated',
      }).toEqual({ id: check.meta.id, automated: 'remediation' in check });
    }
  });

  it('are the only source of automated remediations: every automated check in the catalog is one', () => {
    expect(
      Object.values(CHECKS)
        .filter(meta => meta.remediation.kind === 'automated')
        .map(meta => meta.id)
        .sort(),
    ).toEqual(AUTOMATED_CHECKS.map(c => c.meta.id).sort());
  });
});
