import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import type { AwsClientFactory } from '../aws';

export interface ClusterState {
  name: string;
  arn: string;
  /** The containerInsights setting: "enabled", "enhanced", "disabled" or undefined. */
  containerInsights?: string;
  found: boolean;
}

/** ECS clusters by name. */
export class EcsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeClusters(names: string[]): Promise<ClusterState[]> {
    if (names.length === 0) return [];
    const out = await this.aws
      .client(ECSClient)
      .send(
        new DescribeClustersCommand({ clusters: names, include: ['SETTINGS'] }),
      );
    return names.map(name => {
      const cluster = out.clusters?.find(c => c.clusterName === name);
      return {
        name,
        arn: cluster?.clusterArn ?? name,
        containerInsights: cluster?.settings?.find(
          s => s.name === 'containerInsights',
        )?.value,
        found: Boolean(cluster),
      };
    });
  }
}
