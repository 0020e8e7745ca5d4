import {
  planAccountPublicAccessBlock,
  planCloudTrail,
  planContainerInsights,
  planEnableGuardDuty,
  planLogRetention,
  planQueueEncryption,
} from './plans';
import { hashState, stableStringify } from './stateHash';

describe('remediation plans', () => {
  it('blocks account Block Public Access while a website bucket exists', () => {
    const plan = planAccountPublicAccessBlock({
      accountId: '1',
      config: null,
      websiteBuckets: ['site'],
    });
    expect(plan.blockers).toEqual([
      'Bucket site hosts a static website: it is deliberately public and will stop serving.',
    ]);
    expect(plan.calls).toHaveLength(1);
  });

  it('plans nothing when Block Public Access is already fully on', () => {
    const all = {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    };
    const plan = planAccountPublicAccessBlock({
      accountId: '1',
      config: all,
      websiteBuckets: [],
    });
    expect(plan).toMatchObject({ alreadyCompliant: true, calls: [] });
  });

  it('enables existing disabled detectors instead of creating a new one', () => {
    const plan = planEnableGuardDuty({
      region: 'r',
      detectors: [{ detectorId: 'd1', status: 'DISABLED' }],
    });
    expect(plan.calls).toEqual([
      {
        service: 'guardduty',
        action: 'UpdateDetector',
        params: { DetectorId: 'd1', Enable: true },
      },
    ]);
  });

  it('refuses to remediate a trail that does not exist', () => {
    const plan = planCloudTrail({ trailName: 'huntaze-trail', trails: [] });
    expect(plan.blockers[0]).toMatch(/does not exist/);
    expect(plan.alreadyCompliant).toBe(false);
  });

  it('starts logging a stopped trail as well as making it multi-region', () => {
    const plan = planCloudTrail({
      trailName: 't',
      trails: [
        {
          name: 't',
          arn: 'arn:t',
          isMultiRegion: false,
          logFileValidation: true,
          isLogging: false,
        },
      ],
    });
    expect(plan.calls.map(c => c.action)).toEqual([
      'UpdateTrail',
      'StartLogging',
    ]);
  });

  it('leaves clusters that are missing or already on alone', () => {
    const plan = planContainerInsights({
      clusters: [
        { name: 'a', containerInsights: 'enhanced', found: true },
        { name: 'b', found: false },
        { name: 'c', containerInsights: 'disabled', found: true },
      ],
    });
    expect(plan.calls).toEqual([
      {
        service: 'ecs',
        action: 'UpdateCluster',
        params: {
          cluster: 'c',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        },
      },
    ]);
  });

  it('keeps KMS-encrypted queues as they are', () => {
    const plan = planQueueEncryption({
      queues: [
        {
          name: 'kms',
          url: 'u1',
          found: true,
          sqsManagedSse: false,
          kmsKeyId: 'alias/k',
        },
        { name: 'plain', url: 'u2', found: true, sqsManagedSse: false },
      ],
    });
    expect(plan.calls).toEqual([
      {
        service: 'sqs',
        action: 'SetQueueAttributes',
        params: {
          QueueUrl: 'u2',
          Attributes: { SqsManagedSseEnabled: 'true' },
        },
      },
    ]);
  });
});

describe('planLogRetention', () => {
  it('raises short or missing retention to 30 days and never shortens a longer one', () => {
    const plan = planLogRetention({
      groups: [
        { name: 'forever' },
        { name: 'week', retentionDays: 7 },
        { name: 'year', retentionDays: 365 },
      ],
    });
    expect(plan.calls.map(c => c.params)).toEqual([
      { logGroupName: 'forever', retentionInDays: 30 },
      { logGroupName: 'week', retentionInDays: 30 },
    ]);
    expect(plan.expected).toEqual({ forever: 30, week: 30, year: 365 });
  });
});

describe('hashState', () => {
  it('does not depend on key order', () => {
    expect(hashState({ a: 1, b: [1, { d: 2, c: 3 }] })).toBe(
      hashState({ b: [1, { c: 3, d: 2 }], a: 1 }),
    );
    expect(stableStringify({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('changes when a value changes', () => {
    expect(hashState({ a: 1 })).not.toBe(hashState({ a: 2 }));
  });
});
