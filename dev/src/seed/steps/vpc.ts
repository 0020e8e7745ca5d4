import {
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  Filter,
} from '@aws-sdk/client-ec2';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

export const STORY_VPC_CIDR = '10.20.0.0/16';

/** Two private subnets in two zones, as the Redis subnet group and the Lambda need. */
export function storySubnets(vpcName: string, region: string) {
  return [
    { name: `${vpcName}-private-a`, cidr: '10.20.1.0/24', zone: `${region}a` },
    { name: `${vpcName}-private-b`, cidr: '10.20.2.0/24', zone: `${region}b` },
  ];
}

/**
 * Gateway endpoints before hardening: S3 already has one (it was added with the
 * buckets), DynamoDB traffic still goes through the NAT gateway.
 */
export function storyGatewayEndpoints(
  region: string,
): Array<{ serviceName: string; present: boolean }> {
  return [
    { serviceName: `com.amazonaws.${region}.s3`, present: true },
    { serviceName: `com.amazonaws.${region}.dynamodb`, present: false },
  ];
}

const byName = (name: string): Filter[] => [
  { Name: 'tag:Name', Values: [name] },
];
const nameTag = (
  resourceType: 'vpc' | 'subnet' | 'route-table',
  name: string,
) => [{ ResourceType: resourceType, Tags: [{ Key: 'Name', Value: name }] }];

/** The id of the application VPC (found by its Name tag), if it exists. */
export async function findVpcId(ctx: SeedContext): Promise<string | undefined> {
  const { Vpcs = [] } = await ctx.clients.ec2.send(
    new DescribeVpcsCommand({ Filters: byName(ctx.resources.appVpc) }),
  );
  return Vpcs[0]?.VpcId;
}

async function ensureVpc(ctx: SeedContext, report: StepReport) {
  const name = ctx.resources.appVpc;
  if (name.startsWith('vpc-')) {
    throw new Error(
      `prodHardening.resources.appVpc is a VPC id (${name}); the seed creates the VPC and needs a Name tag instead`,
    );
  }
  const existing = await findVpcId(ctx);
  if (existing) {
    report.existing.push(`VPC ${name}`);
    return existing;
  }
  const { Vpc } = await ctx.clients.ec2.send(
    new CreateVpcCommand({
      CidrBlock: STORY_VPC_CIDR,
      TagSpecifications: nameTag('vpc', name),
    }),
  );
  report.created.push(`VPC ${name}`);
  return Vpc!.VpcId!;
}

async function ensureSubnets(
  ctx: SeedContext,
  vpcId: string,
  report: StepReport,
) {
  for (const subnet of storySubnets(ctx.resources.appVpc, ctx.region)) {
    const { Subnets = [] } = await ctx.clients.ec2.send(
      new DescribeSubnetsCommand({ Filters: byName(subnet.name) }),
    );
    if (Subnets.length > 0) {
      report.existing.push(`subnet ${subnet.name}`);
      continue;
    }
    await ctx.clients.ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: subnet.cidr,
        AvailabilityZone: subnet.zone,
        TagSpecifications: nameTag('subnet', subnet.name),
      }),
    );
    report.created.push(`subnet ${subnet.name}`);
  }
}

async function ensurePrivateRouteTable(
  ctx: SeedContext,
  vpcId: string,
  report: StepReport,
) {
  const name = `${ctx.resources.appVpc}-private`;
  const { RouteTables = [] } = await ctx.clients.ec2.send(
    new DescribeRouteTablesCommand({ Filters: byName(name) }),
  );
  if (RouteTables[0]?.RouteTableId) {
    report.existing.push(`route table ${name}`);
    return RouteTables[0].RouteTableId;
  }
  const { RouteTable } = await ctx.clients.ec2.send(
    new CreateRouteTableCommand({
      VpcId: vpcId,
      TagSpecifications: nameTag('route-table', name),
    }),
  );
  report.created.push(`route table ${name}`);
  return RouteTable!.RouteTableId!;
}

export const vpcStep: SeedStep = {
  name: 'vpc',
  async run(ctx) {
    const report = emptyReport('vpc');
    const vpcId = await ensureVpc(ctx, report);
    await ensureSubnets(ctx, vpcId, report);
    const routeTableId = await ensurePrivateRouteTable(ctx, vpcId, report);
    const { VpcEndpoints = [] } = await ctx.clients.ec2.send(
      new DescribeVpcEndpointsCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
      }),
    );
    // Deleted endpoints stay listed for a while: only live ones count.
    const live = VpcEndpoints.filter(
      e => String(e.State).toLowerCase() !== 'deleted',
    );
    for (const { serviceName, present } of storyGatewayEndpoints(ctx.region)) {
      const existing = live.filter(e => e.ServiceName === serviceName);
      if (present && existing.length > 0) {
        report.existing.push(`gateway endpoint ${serviceName}`);
      } else if (present) {
        await ctx.clients.ec2.send(
          new CreateVpcEndpointCommand({
            VpcId: vpcId,
            ServiceName: serviceName,
            VpcEndpointType: 'Gateway',
            RouteTableIds: [routeTableId],
          }),
        );
        report.created.push(`gateway endpoint ${serviceName}`);
      } else if (existing.length > 0) {
        await ctx.clients.ec2.send(
          new DeleteVpcEndpointsCommand({
            VpcEndpointIds: existing.map(e => e.VpcEndpointId!),
          }),
        );
        report.removed.push(`gateway endpoint ${serviceName}`);
      }
    }
    return report;
  },
};
