import { evaluateGatewayEndpoints } from './evaluate';

const vpc = { id: 'vpc-1', name: 'huntaze-production' };
const endpoint = (service: string, over = {}) => ({
  id: `vpce-${service}`,
  vpcId: 'vpc-1',
  serviceName: `com.amazonaws.us-east-1.${service}`,
  state: 'available',
  routeTableIds: ['rtb-a', 'rtb-b'],
  ...over,
});
const evaluate = (endpoints: ReturnType<typeof endpoint>[], vpcs = [vpc]) =>
  evaluateGatewayEndpoints({
    region: 'us-east-1',
    vpcRef: 'huntaze-production',
    vpcs,
    endpoints,
  });

describe('evaluateGatewayEndpoints', () => {
  it('passes with available S3 and DynamoDB endpoints on route tables', () => {
    const e = evaluate([endpoint('s3'), endpoint('dynamodb')]);
    expect(e.status).toBe('PASS');
    expect(e.resources.map(r => r.resourceId)).toEqual([
      'vpce-s3',
      'vpce-dynamodb',
    ]);
    expect(e.resources[0].evidence).toBe(
      'S3 gateway endpoint available, route tables rtb-a, rtb-b',
    );
  });

  it('fails when the DynamoDB endpoint is missing and says what it costs', () => {
    const e = evaluate([endpoint('s3')]);
    expect(e.status).toBe('FAIL');
    expect(e.resources[1]).toMatchObject({
      resourceId: 'vpc-1/dynamodb',
      status: 'FAIL',
      evidence: expect.stringContaining('NAT gateway'),
    });
    expect(e.summary).toMatch(/^1 of 2 gateway endpoints/);
  });

  it('ignores deleted endpoints, endpoints of other VPCs and of other regions', () => {
    const e = evaluate([
      endpoint('s3', { state: 'deleted' }),
      endpoint('dynamodb', { vpcId: 'vpc-2' }),
      endpoint('s3', {
        id: 'vpce-eu',
        serviceName: 'com.amazonaws.eu-west-1.s3',
      }),
    ]);
    expect(e.resources.map(r => r.status)).toEqual(['FAIL', 'FAIL']);
  });

  it('warns about an endpoint on no route table: traffic still takes the NAT gateway', () => {
    const e = evaluate([
      endpoint('s3', { routeTableIds: [] }),
      endpoint('dynamodb'),
    ]);
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain('on no route table');
  });

  it('recognises the China partition service names', () => {
    const e = evaluateGatewayEndpoints({
      region: 'cn-north-1',
      vpcRef: 'vpc-1',
      vpcs: [vpc],
      endpoints: ['s3', 'dynamodb'].map(s =>
        endpoint(s, { serviceName: `cn.com.amazonaws.cn-north-1.${s}` }),
      ),
    });
    expect(e.status).toBe('PASS');
  });

  it('warns when the configured VPC does not exist', () => {
    const e = evaluate([], []);
    expect(e.status).toBe('WARN');
    expect(e.summary).toContain('prodHardening.resources.appVpc');
  });
});
