import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import { checkForFinding } from './findingChecks';

const check = (id: string, control: string): CheckResult => ({
  id,
  title: id,
  pillar: 'security',
  control,
  severity: 'HIGH',
  status: 'FAIL',
  summary: '',
  resources: [],
  remediation: { kind: 'guided', why: '' },
  canAutoRemediate: false,
  evaluatedAt: '2026-11-20T00:00:00Z',
});

const checks = [
  check('s3-account-public-access-block', 'S3.1'),
  check('elasticache-encryption', 'ElastiCache.4'),
  check('cloudtrail-multi-region', 'CloudTrail.1'),
  check('rds-force-ssl', 'baseline'),
];

describe('checkForFinding', () => {
  it('maps a finding to the check with the same control', () => {
    expect(checkForFinding({ controlId: 'S3.1' }, checks)?.id).toBe(
      's3-account-public-access-block',
    );
  });

  it('maps the other controls of a covered family to its check', () => {
    expect(checkForFinding({ controlId: 'ElastiCache.6' }, checks)?.id).toBe(
      'elasticache-encryption',
    );
    expect(checkForFinding({ controlId: 'CloudTrail.4' }, checks)?.id).toBe(
      'cloudtrail-multi-region',
    );
  });

  it('maps nothing for threats, unrelated controls, "baseline" or a family whose check is absent', () => {
    expect(checkForFinding({}, checks)).toBeUndefined();
    expect(checkForFinding({ controlId: 'S3.2' }, checks)).toBeUndefined();
    expect(checkForFinding({ controlId: 'baseline' }, checks)).toBeUndefined();
    expect(checkForFinding({ controlId: 'IAM.1' }, checks)).toBeUndefined();
    expect(
      checkForFinding({ controlId: 'IAM.1' }, [
        ...checks,
        check('ecs-task-roles', 'baseline'),
      ])?.id,
    ).toBe('ecs-task-roles');
  });
});
