import type { CheckMeta } from '../../domain/posture/checkMeta';

export const gatewayEndpointsMeta = {
  id: 'vpc-gateway-endpoints',
  title: 'S3 and DynamoDB traffic uses gateway endpoints, not the NAT gateway',
  pillar: 'finops-hygiene',
  control: 'baseline',
  severity: 'LOW',
  remediation: {
    kind: 'manual',
    why: "The endpoints belong on the private subnets' route tables, which the Terraform module owns (vpc_endpoints.tf); created by hand they would drift from it.",
  },
} as const satisfies CheckMeta;
