import type { PostureCheck } from '../PostureCheck';
import { evaluateGatewayEndpoints, GatewayEndpointFacts } from './evaluate';
import { gatewayEndpointsMeta } from './meta';

/** The S3 and DynamoDB gateway endpoints of the application VPC. */
export const gatewayEndpointsCheck = {
  meta: gatewayEndpointsMeta,
  facts: async ({ sources, config: { aws, resources } }) => {
    const vpcs = await sources.ec2.findVpcs(resources.appVpc);
    return {
      region: aws.region,
      vpcRef: resources.appVpc,
      vpcs,
      endpoints: await sources.ec2.describeGatewayEndpoints(
        vpcs.map(v => v.id),
      ),
    };
  },
  evaluate: evaluateGatewayEndpoints,
} satisfies PostureCheck<GatewayEndpointFacts>;
