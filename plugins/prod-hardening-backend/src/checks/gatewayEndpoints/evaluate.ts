import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

/** The gateway endpoints the seed adds so S3 and DynamoDB traffic skips the NAT gateway. */
export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const;

/** States in which an endpoint routes traffic (or is about to). */
const LIVE_STATES = new Set(['available', 'pending']);

export interface GatewayEndpointFacts {
  region: string;
  /** The configured VPC id or Name tag. */
  vpcRef: string;
  vpcs: Array<{ id: string; name?: string }>;
  endpoints: Array<{
    id: string;
    vpcId: string;
    serviceName: string;
    state: string;
    routeTableIds: string[];
  }>;
}

/** `com.amazonaws.<region>.s3`, or `cn.com.amazonaws.<region>.s3` in China. */
const isService = (serviceName: string, region: string, service: string) =>
  serviceName.endsWith(`amazonaws.${region}.${service}`);

export function evaluateGatewayEndpoints(f: GatewayEndpointFacts): Evaluation {
  if (f.vpcs.length === 0) {
    return {
      status: 'WARN',
      summary: `VPC ${f.vpcRef} was not found: check prodHardening.resources.appVpc.`,
      resources: [
        {
          resourceId: f.vpcRef,
          resourceType: 'AwsEc2Vpc',
          status: 'WARN',
          evidence: 'VPC not found',
        },
      ],
    };
  }
  const resources: ResourceEvidence[] = f.vpcs.flatMap(vpc =>
    GATEWAY_SERVICES.map(service => {
      const label = service === 's3' ? 'S3' : 'DynamoDB';
      const endpoint = f.endpoints.find(
        e =>
          e.vpcId === vpc.id &&
          LIVE_STATES.has(e.state) &&
          isService(e.serviceName, f.region, service),
      );
      if (!endpoint) {
        return {
          resourceId: `${vpc.id}/${service}`,
          resourceType: 'AwsEc2VpcEndpoint',
          status: 'FAIL',
          evidence: `no ${label} gateway endpoint: ${label} traffic pays NAT gateway processing`,
        };
      }
      return {
        resourceId: endpoint.id,
        resourceType: 'AwsEc2VpcEndpoint',
        status: endpoint.routeTableIds.length ? 'PASS' : 'WARN',
        evidence: endpoint.routeTableIds.length
          ? `${label} gateway endpoint ${
              endpoint.state
            }, route tables ${endpoint.routeTableIds.join(', ')}`
          : `${label} gateway endpoint ${endpoint.state} but on no route table: traffic still goes through the NAT gateway`,
      };
    }),
  );
  const missing = countBy(resources, 'FAIL');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: missing
      ? `${missing} of ${resources.length} gateway endpoints (S3, DynamoDB) are missing in ${f.vpcRef}: that traffic pays the NAT gateway.`
      : `S3 and DynamoDB gateway endpoints exist in ${f.vpcRef}.`,
    resources,
  };
}
