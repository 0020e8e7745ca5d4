import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import type { AwsClientFactory } from '../aws';
import type { TaskRoleFacts } from '../domain/posture/ecsTaskRoles';

export interface ClusterState {
  name: string;
  arn: string;
  /** The containerInsights setting: "enabled", "enhanced", "disabled" or undefined. */
  containerInsights?: string;
  found: boolean;
}

/** The roles of one service's current task definition, as the task role check reads them. */
export type ServiceRoles = TaskRoleFacts['services'][number];

/** DescribeServices takes at most 10 services per request. */
const SERVICES_PER_REQUEST = 10;

/** ECS clusters, services and task definitions by name. */
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

  /** The IAM roles of each service's current task definition. */
  async describeServiceRoles(
    cluster: string,
    services: string[],
  ): Promise<ServiceRoles[]> {
    const client = this.aws.client(ECSClient);
    const active = new Map<string, string>();
    for (let i = 0; i < services.length; i += SERVICES_PER_REQUEST) {
      const out = await client.send(
        new DescribeServicesCommand({
          cluster,
          services: services.slice(i, i + SERVICES_PER_REQUEST),
        }),
      );
      for (const s of out.services ?? []) {
        // A deleted service lingers as INACTIVE: it runs nothing.
        if (s.serviceName && s.status !== 'INACTIVE' && s.taskDefinition) {
          active.set(s.serviceName, s.taskDefinition);
        }
      }
    }
    return Promise.all(
      services.map(async service => {
        const taskDefinitionArn = active.get(service);
        if (!taskDefinitionArn) return { cluster, service, found: false };
        const { taskDefinition } = await client.send(
          new DescribeTaskDefinitionCommand({
            taskDefinition: taskDefinitionArn,
          }),
        );
        return {
          cluster,
          service,
          found: true,
          taskDefinitionArn,
          taskRoleArn: taskDefinition?.taskRoleArn || undefined,
          executionRoleArn: taskDefinition?.executionRoleArn || undefined,
        };
      }),
    );
  }
}
