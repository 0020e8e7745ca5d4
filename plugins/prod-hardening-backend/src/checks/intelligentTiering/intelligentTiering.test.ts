import {
  evaluateIntelligentTiering,
  IntelligentTieringFacts,
  LifecycleRuleFacts,
} from './evaluate';

type Bucket = IntelligentTieringFacts['buckets'][number];

const tiering: LifecycleRuleFacts = {
  id: 'intelligent-tiering',
  enabled: true,
  tags: [],
  transitions: [{ storageClass: 'INTELLIGENT_TIERING', days: 0 }],
};
const noncurrent: LifecycleRuleFacts = {
  id: 'expire-noncurrent-versions',
  enabled: true,
  tags: [],
  transitions: [],
  noncurrentExpirationDays: 30,
};

const bucket = (over: Partial<Bucket> = {}): Bucket => ({
  name: 'huntaze-assets-production',
  arn: 'arn:aws:s3:::huntaze-assets-production',
  found: true,
  versioning: 'Enabled',
  rules: [tiering, noncurrent],
  ...over,
});

const evaluate = (...buckets: Bucket[]) =>
  evaluateIntelligentTiering({ buckets });

describe('evaluateIntelligentTiering', () => {
  it('passes a versioned bucket that tiers every object and expires noncurrent versions', () => {
    const e = evaluate(bucket());
    expect(e.status).toBe('PASS');
    expect(e.resources[0]).toEqual({
      resourceId: 'arn:aws:s3:::huntaze-assets-production',
      resourceType: 'AwsS3Bucket',
      status: 'PASS',
      evidence:
        'rule intelligent-tiering: INTELLIGENT_TIERING after 0 days; versioning Enabled, noncurrent versions expire after 30 days (rule expire-noncurrent-versions)',
    });
    expect(e.summary).toBe(
      '1 of 1 buckets move every object to Intelligent-Tiering and expire noncurrent versions.',
    );
  });

  it('passes an unversioned bucket with the tiering rule alone', () => {
    const e = evaluate(bucket({ versioning: undefined, rules: [tiering] }));
    expect(e.status).toBe('PASS');
    expect(e.resources[0].evidence).toBe(
      'rule intelligent-tiering: INTELLIGENT_TIERING after 0 days; versioning off',
    );
  });

  it('fails a bucket without lifecycle rules and counts it in the summary', () => {
    const e = evaluate(
      bucket(),
      bucket({
        name: 'huntaze-uploads-production',
        versioning: undefined,
        rules: [],
      }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[1]).toMatchObject({
      status: 'FAIL',
      evidence:
        'no lifecycle rule moves objects to INTELLIGENT_TIERING; versioning off',
    });
    expect(e.summary).toBe(
      '1 of 2 buckets do not move objects to Intelligent-Tiering or keep noncurrent versions forever.',
    );
  });

  it('fails a disabled tiering rule', () => {
    const e = evaluate(
      bucket({ rules: [{ ...tiering, enabled: false }, noncurrent] }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toContain(
      'rule intelligent-tiering moves objects to INTELLIGENT_TIERING but is disabled',
    );
  });

  it('fails a versioned bucket whose noncurrent versions never expire', () => {
    const e = evaluate(bucket({ versioning: 'Suspended', rules: [tiering] }));
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toContain(
      'versioning Suspended and noncurrent versions never expire: every overwrite is kept and billed',
    );
  });

  it('warns when only part of the bucket moves to Intelligent-Tiering', () => {
    const e = evaluate(
      bucket({
        rules: [
          { ...tiering, prefix: 'media/', tags: ['tier=cold'] },
          noncurrent,
        ],
      }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain(
      'rule intelligent-tiering: INTELLIGENT_TIERING after 0 days (prefix media/ and tag tier=cold only): the rest of the bucket stays in its storage class',
    );
  });

  it('does not count a noncurrent expiry limited to a prefix', () => {
    const e = evaluate(
      bucket({ rules: [tiering, { ...noncurrent, prefix: 'tmp/' }] }),
    );
    expect(e.status).toBe('FAIL');
  });

  it('describes a transition on a date', () => {
    const e = evaluate(
      bucket({
        versioning: undefined,
        rules: [
          {
            ...tiering,
            transitions: [
              { storageClass: 'INTELLIGENT_TIERING', date: '2026-12-01' },
            ],
          },
        ],
      }),
    );
    expect(e.resources[0].evidence).toContain(
      'INTELLIGENT_TIERING from 2026-12-01',
    );
  });

  it('warns about a named bucket that does not exist', () => {
    const e = evaluate(bucket(), bucket({ found: false, rules: [] }));
    expect(e.status).toBe('WARN');
    expect(e.resources[1]).toMatchObject({
      status: 'WARN',
      evidence: 'bucket huntaze-assets-production not found',
    });
  });
});
