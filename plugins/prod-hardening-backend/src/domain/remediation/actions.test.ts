import { parseRemediationActions, RemediationAction } from './actions';
import { planCloudTrail } from '../../checks/cloudTrail/plan';
import { planAccountPublicAccessBlock } from '../../checks/accountPublicAccessBlock/plan';
import { planPointInTimeRecovery } from '../../checks/dynamoDbPitr/plan';
import { planLogRetention } from '../../checks/logRetention/plan';
import { planContainerInsights } from '../../checks/containerInsights/plan';
import { planEnableGuardDuty } from '../../checks/guardDuty/plan';
import { planEnableSecurityHub } from '../../checks/securityHub/plan';
import { planQueueEncryption } from '../../checks/sqsEncryption/plan';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/workflows';

/** A plan of every kind, from states where each remediation has work to do. */
const everyPlan = () => [
  planAccountPublicAccessBlock({
    accountId: '123456789012',
    config: null,
    websiteBuckets: [],
  }),
  planEnableGuardDuty({ region: 'us-east-1', detectors: [] }),
  planEnableGuardDuty({
    region: 'us-east-1',
    detectors: [{ detectorId: 'abc123', status: 'DISABLED' }],
  }),
  planCloudTrail({
    trailName: 'main',
    trails: [
      {
        name: 'main',
        arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
        isMultiRegion: false,
        logFileValidation: false,
        isLogging: false,
      },
    ],
  }),
  planContainerInsights({ clusters: [{ name: 'api', found: true }] }),
  planPointInTimeRecovery({
    tables: [{ name: 'ai-costs', found: true, pointInTimeRecovery: false }],
  }),
  planQueueEncryption({
    queues: [
      { name: 'workflows', url: QUEUE_URL, found: true, sqsManagedSse: false },
    ],
  }),
  planLogRetention({ groups: [{ name: '/ecs/api' }] }),
  planEnableSecurityHub({
    region: 'us-east-1',
    hubEnabled: false,
    enabledStandardsArns: [],
  }),
];

describe('remediation actions', () => {
  it('reads back, unchanged, every action the plans make (through JSON, as stored)', () => {
    const actions = everyPlan().flatMap(p => p.calls);
    expect(new Set(actions.map(a => a.action))).toEqual(
      new Set([
        'PutPublicAccessBlock',
        'CreateDetector',
        'UpdateDetector',
        'UpdateTrail',
        'StartLogging',
        'UpdateCluster',
        'UpdateContinuousBackups',
        'SetQueueAttributes',
        'PutRetentionPolicy',
        'EnableSecurityHub',
        'BatchEnableStandards',
      ]),
    );
    const stored = JSON.parse(JSON.stringify(actions));
    expect(parseRemediationActions(stored)).toEqual({ ok: true, actions });
  });

  const valid: RemediationAction = {
    service: 'dynamodb',
    action: 'UpdateContinuousBackups',
    params: {
      TableName: 'ai-costs',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
  };

  it.each([
    ['an unknown action', { ...valid, action: 'DeleteTable' }, /action/],
    [
      'a known action under another service',
      { ...valid, service: 'sqs' },
      /service/,
    ],
    [
      'a parameter the action does not take',
      { ...valid, params: { ...valid.params, DeletionProtection: false } },
      /Unrecognized key/,
    ],
    [
      'a value the remediation never writes',
      {
        ...valid,
        params: {
          ...valid.params,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: false,
          },
        },
      },
      /PointInTimeRecoveryEnabled/,
    ],
    [
      'a missing parameter',
      { ...valid, params: { PointInTimeRecoverySpecification: {} } },
      /TableName/,
    ],
    [
      'a retention CloudWatch Logs does not accept',
      {
        service: 'logs',
        action: 'PutRetentionPolicy',
        params: { logGroupName: 'g', retentionInDays: 31 },
      },
      /retention/,
    ],
    ['an action that is not an object', 'UpdateTrail', /object/],
  ])('refuses %s with where it is wrong', (_what, action, problem) => {
    const parsed = parseRemediationActions([valid, action]);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/^1/);
    expect(!parsed.ok && parsed.problem).toMatch(problem);
  });

  it('refuses a plan that is not a list', () => {
    expect(parseRemediationActions({ calls: [] })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/array/),
    });
  });
});
