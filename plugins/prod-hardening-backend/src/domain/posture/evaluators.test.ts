import {
  evaluateAccountPublicAccessBlock,
  evaluateCloudTrail,
  evaluateContainerInsights,
  evaluateDynamoDbTtl,
  evaluateElastiCacheEncryption,
  evaluateGuardDuty,
  evaluateLogRetention,
  evaluateRdsForceSsl,
  evaluateSecurityHub,
  evaluateSqsEncryption,
} from './evaluators';

const allOn = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

describe('posture evaluators', () => {
  it('fails Block Public Access when the account has no configuration', () => {
    expect(
      evaluateAccountPublicAccessBlock({ accountId: '1', config: null }).status,
    ).toBe('FAIL');
  });

  it('fails Block Public Access when one of the four settings is off and names it', () => {
    const e = evaluateAccountPublicAccessBlock({
      accountId: '1',
      config: { ...allOn, restrictPublicBuckets: false },
    });
    expect(e.status).toBe('FAIL');
    expect(e.summary).toContain('restrictPublicBuckets');
  });

  it('passes Block Public Access with all four settings on', () => {
    expect(
      evaluateAccountPublicAccessBlock({ accountId: '1', config: allOn })
        .status,
    ).toBe('PASS');
  });

  it('passes GuardDuty only with an enabled detector', () => {
    expect(
      evaluateGuardDuty({ region: 'us-east-1', detectors: [] }).status,
    ).toBe('FAIL');
    expect(
      evaluateGuardDuty({
        region: 'us-east-1',
        detectors: [{ detectorId: 'd', status: 'DISABLED' }],
      }).status,
    ).toBe('FAIL');
    expect(
      evaluateGuardDuty({
        region: 'us-east-1',
        detectors: [{ detectorId: 'd', status: 'ENABLED' }],
      }).status,
    ).toBe('PASS');
  });

  it('reports Security Hub as ERROR, not FAIL, when the standards cannot be read', () => {
    const e = evaluateSecurityHub({
      region: 'us-east-1',
      hubEnabled: true,
      standardsError: 'access denied: x',
    });
    expect(e.status).toBe('ERROR');
    expect(e.summary).toContain('access denied: x');
  });

  it('passes Security Hub only with the FSBP standard subscribed', () => {
    const fsbp =
      'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
    expect(
      evaluateSecurityHub({
        region: 'r',
        hubEnabled: true,
        enabledStandardsArns: [fsbp],
      }).status,
    ).toBe('PASS');
    expect(
      evaluateSecurityHub({
        region: 'r',
        hubEnabled: true,
        enabledStandardsArns: [],
      }).status,
    ).toBe('FAIL');
    expect(evaluateSecurityHub({ region: 'r', hubEnabled: false }).status).toBe(
      'FAIL',
    );
  });

  it('accepts one complete trail among incomplete ones, and warns without CloudWatch Logs', () => {
    const base = {
      name: 't',
      arn: 'a',
      isLogging: true,
      isMultiRegion: true,
      logFileValidation: true,
    };
    expect(
      evaluateCloudTrail({
        trails: [
          { ...base, isMultiRegion: false },
          { ...base, cloudWatchLogsGroupArn: 'lg' },
        ],
      }).status,
    ).toBe('PASS');
    expect(evaluateCloudTrail({ trails: [base] }).status).toBe('WARN');
    expect(
      evaluateCloudTrail({ trails: [{ ...base, logFileValidation: false }] })
        .status,
    ).toBe('FAIL');
    expect(evaluateCloudTrail({ trails: [] }).status).toBe('FAIL');
  });

  it('fails Redis without encryption and warns when only AUTH is missing', () => {
    const g = {
      id: 'r',
      arn: 'arn',
      atRestEncryption: true,
      transitEncryption: true,
      authTokenEnabled: true,
      userGroupIds: [],
    };
    expect(evaluateElastiCacheEncryption({ groups: [g] }).status).toBe('PASS');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...g, authTokenEnabled: false }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...g, transitEncryption: false }],
      }).status,
    ).toBe('FAIL');
  });

  it('passes Redis with RBAC users, which report AuthTokenEnabled=false', () => {
    const rbac = {
      id: 'huntaze-redis',
      arn: 'arn',
      atRestEncryption: true,
      transitEncryption: true,
      authTokenEnabled: false,
      userGroupIds: ['huntaze-redis-users'],
    };
    const result = evaluateElastiCacheEncryption({ groups: [rbac] });
    expect(result.status).toBe('PASS');
    expect(result.resources[0].evidence).toContain(
      'AuthTokenEnabled=false, UserGroupIds=huntaze-redis-users',
    );
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...rbac, userGroupIds: [] }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...rbac, atRestEncryption: false }],
      }).status,
    ).toBe('FAIL');
  });

  it('requires rds.force_ssl to be exactly 1', () => {
    expect(
      evaluateRdsForceSsl({ parameterGroup: 'pg', value: '1' }).status,
    ).toBe('PASS');
    expect(
      evaluateRdsForceSsl({ parameterGroup: 'pg', value: '0' }).status,
    ).toBe('FAIL');
    expect(evaluateRdsForceSsl({ parameterGroup: 'pg' }).summary).toContain(
      'not set',
    );
  });

  it('counts Container Insights per cluster and warns about a missing cluster', () => {
    const e = evaluateContainerInsights({
      clusters: [
        { name: 'a', arn: 'a', containerInsights: 'enabled', found: true },
        { name: 'b', arn: 'b', containerInsights: 'enhanced', found: true },
        { name: 'c', arn: 'c', found: false },
      ],
    });
    expect(e.status).toBe('WARN');
    expect(e.summary).toBe('Container Insights is on for 2 of 3 clusters.');
  });

  it('wants TTL on the seed attribute "ttl"', () => {
    const t = { name: 't', found: true, pointInTimeRecovery: true };
    expect(
      evaluateDynamoDbTtl({
        tables: [{ ...t, ttlStatus: 'ENABLED', ttlAttribute: 'ttl' }],
      }).status,
    ).toBe('PASS');
    expect(
      evaluateDynamoDbTtl({
        tables: [{ ...t, ttlStatus: 'ENABLED', ttlAttribute: 'expiresAt' }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateDynamoDbTtl({ tables: [{ ...t, ttlStatus: 'DISABLED' }] }).status,
    ).toBe('FAIL');
  });

  it('accepts SQS-managed or KMS encryption', () => {
    const q = { name: 'q', found: true, sqsManagedSse: false };
    expect(
      evaluateSqsEncryption({ queues: [{ ...q, sqsManagedSse: true }] }).status,
    ).toBe('PASS');
    expect(
      evaluateSqsEncryption({ queues: [{ ...q, kmsKeyId: 'alias/aws/sqs' }] })
        .status,
    ).toBe('PASS');
    expect(evaluateSqsEncryption({ queues: [q] }).status).toBe('FAIL');
  });

  it('wants log retention between 30 and 90 days: forever or shorter fails, longer warns', () => {
    const g = (retentionDays?: number) => ({
      name: 'g',
      arn: 'g',
      retentionDays,
    });
    expect(evaluateLogRetention({ groups: [g(30), g(90)] }).status).toBe(
      'PASS',
    );
    expect(evaluateLogRetention({ groups: [g(30), g(365)] }).status).toBe(
      'WARN',
    );
    expect(evaluateLogRetention({ groups: [g(30), g(7)] }).status).toBe('FAIL');
    expect(evaluateLogRetention({ groups: [g(undefined)] }).status).toBe(
      'FAIL',
    );
  });
});
