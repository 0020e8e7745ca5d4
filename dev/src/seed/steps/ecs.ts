import {
  ClusterSetting,
  CreateClusterCommand,
  DescribeClustersCommand,
  UpdateClusterCommand,
} from '@aws-sdk/client-ecs';
import { emptyReport, SeedContext, SeedStep } from '../context';

/** Container Insights is on only on the first cluster: two are left to fix. */
export function containerInsightsSettings(
  clusterIndex: number,
): ClusterSetting[] {
  return [
    {
      name: 'containerInsights',
      value: clusterIndex === 0 ? 'enabled' : 'disabled',
    },
  ];
}

async function activeClusterNames(
  ctx: SeedContext,
  names: string[],
): Promise<Set<string>> {
  const res = await ctx.clients.ecs.send(
    new DescribeClustersCommand({ clusters: names }),
  );
  // Deleted clusters linger as INACTIVE; CreateCluster brings them back.
  return new Set(
    (res.clusters ?? [])
      .filter(c => c.status === 'ACTIVE' && c.clusterName)
      .map(c => c.clusterName!),
  );
}

export const ecsStep: SeedStep = {
  name: 'ecs',
  async run(ctx) {
    const report = emptyReport('ecs');
    const names = ctx.resources.ecsClusters;
    const active = await activeClusterNames(ctx, names);
    for (const [index, clusterName] of names.entries()) {
      const settings = containerInsightsSettings(index);
      if (active.has(clusterName)) {
        // UpdateCluster (not UpdateClusterSettings): valid on AWS and in the emulator.
        await ctx.clients.ecs.send(
          new UpdateClusterCommand({ cluster: clusterName, settings }),
        );
        report.existing.push(`cluster ${clusterName}`);
      } else {
        await ctx.clients.ecs.send(
          new CreateClusterCommand({ clusterName, settings }),
        );
        report.created.push(`cluster ${clusterName}`);
      }
    }
    return report;
  },
};
