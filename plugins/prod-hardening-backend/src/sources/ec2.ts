import {
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsClientFactory } from '../aws';

export interface VpcRef {
  id: string;
  name?: string;
}

export interface VpcEndpointState {
  id: string;
  vpcId: string;
  serviceName: string;
  type: string;
  state: string;
  routeTableIds: string[];
}

/** EC2: VPCs and their endpoints. */
export class Ec2Source {
  constructor(private readonly aws: AwsClientFactory) {}

  /** VPCs matching an id (`vpc-...`) or else a Name tag. */
  async findVpcs(idOrName: string): Promise<VpcRef[]> {
    const filter = idOrName.startsWith('vpc-')
      ? { Name: 'vpc-id', Values: [idOrName] }
      : { Name: 'tag:Name', Values: [idOrName] };
    const out = await this.aws
      .client(EC2Client)
      .send(new DescribeVpcsCommand({ Filters: [filter] }));
    return (out.Vpcs ?? []).map(v => ({
      id: v.VpcId ?? '',
      name: v.Tags?.find(t => t.Key === 'Name')?.Value,
    }));
  }

  /** Gateway endpoints of the given VPCs, in every state (callers decide what counts). */
  async describeGatewayEndpoints(
    vpcIds: string[],
  ): Promise<VpcEndpointState[]> {
    if (vpcIds.length === 0) return [];
    const client = this.aws.client(EC2Client);
    const endpoints: VpcEndpointState[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeVpcEndpointsCommand({
          Filters: [
            { Name: 'vpc-id', Values: vpcIds },
            { Name: 'vpc-endpoint-type', Values: ['Gateway'] },
          ],
          NextToken,
        }),
      );
      for (const e of page.VpcEndpoints ?? []) {
        endpoints.push({
          id: e.VpcEndpointId ?? '',
          vpcId: e.VpcId ?? '',
          serviceName: e.ServiceName ?? '',
          type: e.VpcEndpointType ?? '',
          state: String(e.State ?? '').toLowerCase(),
          routeTableIds: e.RouteTableIds ?? [],
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return endpoints;
  }
}
