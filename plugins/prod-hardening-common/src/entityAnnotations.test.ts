import {
  isMappingEmpty,
  hasProdHardeningAnnotations,
  resolveEntityAnnotations,
} from './entityAnnotations';

const entity = (annotations?: Record<string, string>) => ({
  metadata: { name: 'web', annotations },
});

describe('resolveEntityAnnotations', () => {
  it('reads our ARNs, tags, rate-limiter flag and agents', () => {
    const { mapping, problems } = resolveEntityAnnotations(
      entity({
        'prod-hardening.io/aws-arns':
          'arn:aws:ecs:us-east-1:123456789012:cluster/web,\n arn:aws:s3:::assets ,',
        'prod-hardening.io/resource-tags': 'component=web,env=prod',
        'prod-hardening.io/rate-limiter': 'true',
        'prod-hardening.io/ai-agent': 'chatbot, content',
      }),
    );
    expect(problems).toEqual([]);
    expect(mapping).toEqual({
      arns: [
        'arn:aws:ecs:us-east-1:123456789012:cluster/web',
        'arn:aws:s3:::assets',
      ],
      resourceTagSets: [
        [
          { key: 'component', value: 'web' },
          { key: 'env', value: 'prod' },
        ],
      ],
      costTagSets: [
        [
          { key: 'component', value: 'web' },
          { key: 'env', value: 'prod' },
        ],
      ],
      costCategorySets: [],
      rateLimiter: true,
      aiAgents: ['chatbot', 'content'],
    });
  });

  it("accepts AWS's plugin annotations as they spell them", () => {
    const { mapping, problems } = resolveEntityAnnotations(
      entity({
        'aws.amazon.com/aws-securityhub-findings-tags': 'component=web',
        'aws.amazon.com/amazon-ecs-service-tags': 'service=web,env=prod',
        'aws.amazon.com/amazon-ecs-service-arn':
          'arn:aws:ecs:us-east-1:123456789012:service/cluster/web',
        'aws.amazon.com/cost-insights-tags': 'owner=team-web',
        'aws.amazon.com/cost-insights-cost-categories': 'product=web',
      }),
    );
    expect(problems).toEqual([]);
    expect(mapping.arns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:service/cluster/web',
    ]);
    expect(mapping.resourceTagSets).toEqual([
      [{ key: 'component', value: 'web' }],
      [
        { key: 'service', value: 'web' },
        { key: 'env', value: 'prod' },
      ],
    ]);
    expect(mapping.costTagSets).toEqual([
      [{ key: 'owner', value: 'team-web' }],
    ]);
    expect(mapping.costCategorySets).toEqual([
      [{ key: 'product', value: 'web' }],
    ]);
  });

  it('lists every malformed part with the reason and keeps the good parts', () => {
    const { mapping, problems } = resolveEntityAnnotations(
      entity({
        'prod-hardening.io/aws-arns':
          'arn:aws:s3:::assets, not-an-arn, arn:aws:sqs:us-east-1:12345:queue',
        'prod-hardening.io/resource-tags':
          'component=web,novalue,=x,env=a,env=b',
        'prod-hardening.io/rate-limiter': 'yes',
        'prod-hardening.io/ai-agent': 'chatbot,bad agent!',
        'aws.amazon.com/amazon-ecs-service-arn':
          'arn:aws:ecs:us-east-1:123456789012:cluster/web',
        'aws.amazon.com/cost-insights-tags': '  ',
      }),
    );
    expect(mapping.arns).toEqual(['arn:aws:s3:::assets']);
    expect(mapping.resourceTagSets).toEqual([
      [
        { key: 'component', value: 'web' },
        { key: 'env', value: 'a' },
      ],
    ]);
    expect(mapping.rateLimiter).toBe(false);
    expect(mapping.aiAgents).toEqual(['chatbot']);
    expect(problems.map(p => [p.annotation, p.value])).toEqual([
      ['prod-hardening.io/aws-arns', 'not-an-arn'],
      ['prod-hardening.io/aws-arns', 'arn:aws:sqs:us-east-1:12345:queue'],
      [
        'aws.amazon.com/amazon-ecs-service-arn',
        'arn:aws:ecs:us-east-1:123456789012:cluster/web',
      ],
      ['prod-hardening.io/resource-tags', 'novalue'],
      ['prod-hardening.io/resource-tags', '=x'],
      ['prod-hardening.io/resource-tags', 'env=b'],
      ['aws.amazon.com/cost-insights-tags', '  '],
      ['prod-hardening.io/rate-limiter', 'yes'],
      ['prod-hardening.io/ai-agent', 'bad agent!'],
    ]);
    expect(problems.every(p => p.reason.length > 0)).toBe(true);
  });

  it('splits a tag on its first "=" only', () => {
    const { mapping } = resolveEntityAnnotations(
      entity({ 'prod-hardening.io/resource-tags': 'expr=a=b' }),
    );
    expect(mapping.resourceTagSets).toEqual([[{ key: 'expr', value: 'a=b' }]]);
  });

  it('gives an empty mapping and no problems for an entity without annotations', () => {
    const resolved = resolveEntityAnnotations(entity());
    expect(resolved.problems).toEqual([]);
    expect(isMappingEmpty(resolved.mapping)).toBe(true);
  });
});

describe('hasProdHardeningAnnotations', () => {
  it('is false without any of the annotations', () => {
    expect(hasProdHardeningAnnotations(entity())).toBe(false);
    expect(
      hasProdHardeningAnnotations(
        entity({ 'backstage.io/techdocs-ref': 'dir:.' }),
      ),
    ).toBe(false);
    expect(
      hasProdHardeningAnnotations(
        entity({ 'prod-hardening.io/aws-arns': ' ' }),
      ),
    ).toBe(false);
  });

  it('is true with any of ours or of AWS plugins, even malformed (the card shows why)', () => {
    expect(
      hasProdHardeningAnnotations(
        entity({ 'prod-hardening.io/aws-arns': 'not-an-arn' }),
      ),
    ).toBe(true);
    expect(
      hasProdHardeningAnnotations(
        entity({ 'aws.amazon.com/cost-insights-tags': 'owner=x' }),
      ),
    ).toBe(true);
  });
});
