import { ECSClient, UpdateClusterCommand } from '@aws-sdk/client-ecs';
import type { RemediationAws } from '../../aws';

/** ECS cluster settings, written with the remediation role. */
export class EcsRemediation {
  constructor(private readonly aws: RemediationAws) {}

  /** UpdateCluster (not UpdateClusterSettings): same effect on AWS, one call shape everywhere. */
  async enableContainerInsights(cluster: string): Promise<void> {
    await this.aws.client(ECSClient).send(
      new UpdateClusterCommand({
        cluster,
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      }),
    );
  }
}
