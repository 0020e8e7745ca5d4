import { evaluateAccountPublicAccessBlock } from './evaluate';
import { planAccountPublicAccessBlock } from './plan';

const allOn = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

describe('s3-account-public-access-block', () => {
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
});
