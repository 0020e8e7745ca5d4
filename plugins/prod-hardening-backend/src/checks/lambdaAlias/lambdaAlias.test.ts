import { evaluateLambdaAlias, LambdaAliasFacts, qualifierOf } from './evaluate';

const FN =
  'arn:aws:lambda:us-east-1:123456789012:function:huntaze-rate-limiter';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-queue';

const facts = (over: Partial<LambdaAliasFacts> = {}): LambdaAliasFacts => ({
  functionName: 'huntaze-rate-limiter',
  aliasName: 'live',
  queueArn: QUEUE,
  functionFound: true,
  alias: { arn: `${FN}:live`, functionVersion: '3' },
  mappings: [{ uuid: 'esm-1', functionArn: `${FN}:live`, state: 'Enabled' }],
  ...over,
});

describe('evaluateLambdaAlias', () => {
  it('passes when the mapping invokes the alias and the alias is on a published version', () => {
    const e = evaluateLambdaAlias(facts());
    expect(e.status).toBe('PASS');
    expect(e.summary).toBe(
      'The SQS event source mapping invokes the live alias on version 3: a rollback is one alias update.',
    );
    expect(e.resources).toEqual([
      {
        resourceId: `${FN}:live`,
        resourceType: 'AwsLambdaAlias',
        status: 'PASS',
        evidence: 'alias live → version 3',
      },
      {
        resourceId: 'esm-1',
        resourceType: 'AwsLambdaEventSourceMapping',
        status: 'PASS',
        evidence:
          'mapping esm-1 from huntaze-rate-limiter-queue invokes alias live (Enabled)',
      },
    ]);
  });

  it('shows a canary split of the alias in the evidence', () => {
    const e = evaluateLambdaAlias(
      facts({
        alias: {
          arn: `${FN}:live`,
          functionVersion: '3',
          additionalVersionWeights: { '4': 0.1 },
        },
      }),
    );
    expect(e.resources[0].evidence).toBe(
      'alias live → version 3 (10% on version 4)',
    );
  });

  it('fails a mapping on the unqualified function although the alias exists', () => {
    const e = evaluateLambdaAlias(
      facts({ mappings: [{ uuid: 'esm-1', functionArn: FN }] }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].status).toBe('PASS');
    expect(e.resources[1]).toMatchObject({
      status: 'FAIL',
      evidence:
        'mapping esm-1 from huntaze-rate-limiter-queue invokes the unqualified function ($LATEST): moving alias live does not change what it runs',
    });
    expect(e.summary).toMatch(
      /^The SQS event source mapping bypasses the live alias/,
    );
  });

  it('fails a mapping pinned to a version number', () => {
    const e = evaluateLambdaAlias(
      facts({ mappings: [{ uuid: 'esm-1', functionArn: `${FN}:2` }] }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[1].evidence).toContain('invokes version 2 directly');
  });

  it('fails an alias that follows $LATEST', () => {
    const e = evaluateLambdaAlias(
      facts({ alias: { arn: `${FN}:live`, functionVersion: '$LATEST' } }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toContain(
      'alias live → $LATEST: every deploy goes live at once',
    );
    expect(e.summary).toBe(
      'The rate limiter has no alias live on a published version to roll back with.',
    );
  });

  it('fails a function without the alias', () => {
    const e = evaluateLambdaAlias(facts({ alias: undefined }));
    expect(e.status).toBe('FAIL');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'huntaze-rate-limiter:live',
      evidence:
        'function huntaze-rate-limiter has no alias live: a rollback means a redeploy',
    });
  });

  it('fails when nothing maps the queue to the function', () => {
    const e = evaluateLambdaAlias(facts({ mappings: [] }));
    expect(e.status).toBe('FAIL');
    expect(e.resources[1]).toEqual({
      resourceId: QUEUE,
      resourceType: 'AwsSqsQueue',
      status: 'FAIL',
      evidence:
        'no event source mapping from huntaze-rate-limiter-queue to huntaze-rate-limiter: nothing consumes the queue',
    });
  });

  it('warns when the function does not exist', () => {
    const e = evaluateLambdaAlias(
      facts({ functionFound: false, alias: undefined, mappings: [] }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources).toEqual([
      {
        resourceId: 'huntaze-rate-limiter',
        resourceType: 'AwsLambdaFunction',
        status: 'WARN',
        evidence: 'function huntaze-rate-limiter not found',
      },
    ]);
  });
});

describe('qualifierOf', () => {
  it.each([
    [FN, undefined],
    [`${FN}:live`, 'live'],
    [`${FN}:7`, '7'],
  ])('reads %s as %s', (arn, qualifier) => {
    expect(qualifierOf(arn)).toBe(qualifier);
  });
});
