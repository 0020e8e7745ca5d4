import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import type { AwsClientFactory } from '../aws';
import type { EcsServiceResilienceFacts } from '../checks/ecsServiceResilience/evaluate';
import type { TaskRoleFacts } from '../checks/ecsTaskRoles/evaluate';

export interface ClusterState {
  name: string;
  arn: string;
  /** The containerInsights setting: "enabled", "enhanced", "disabled" or undefined. */
  containerInsights?: string;
  found: boolean;
}

/** The roles of one service's current task definition, as the task role check reads them. */
export type ServiceRoles = TaskRoleFacts['services'][number];

/** How a service deploys: the circuit breaker part of the resilience check. */
export type ServiceDeployment = Omit<
  EcsServiceResilienceFacts['services'][number],
  'scalableTarget' | 'policies'
>;

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

  /**
   * Active services and running tasks per cluster: what Container Insights bills on.
   * Kept apart from describeClusters, whose answer a remediation plan is bound to.
   */
  async clusterUsage(
    names: string[],
  ): Promise<Array<{ name: string; services: number; runningTasks: number }>> {
    if (names.length === 0) return [];
    const out = await this.aws
      .client(ECSClient)
      .send(new DescribeClustersCommand({ clusters: names }));
    return (out.clusters ?? []).map(c => ({
      name: c.clusterName ?? '',
      services: c.activeServicesCount ?? 0,
      runningTasks: c.runningTasksCount ?? 0,
    }));
  }

  /** The IAM roles of each service's current task definition. */
  async describeServiceRoles(
    cluster: string,
    services: string[],
  ): Promise<ServiceRoles[]> {
    const client = this.aws.client(ECSClient);
    const active = await this.activeServices(cluster, services);
    return Promise.all(
      services.map(async service => {
        const taskDefinitionArn = active.get(service)?.taskDefinition;
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

  /** Each service's deployment controller and circuit breaker (DescribeServices). */
  async describeServiceDeployments(
    cluster: string,
    services: string[],
  ): Promise<ServiceDeployment[]> {
    const active = await this.activeServices(cluster, services);
    return services.map(service => {
      const s = active.get(service);
      if (!s) return { cluster, service, found: false };
      const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker;
      return {
        cluster,
        service,
        found: true,
        serviceArn: s.serviceArn,
        deploymentController: s.deploymentController?.type,
        circuitBreaker: breaker && {
          enable: breaker.enable === true,
          rollback: breaker.rollback === true,
        },
      };
    });
  }

  /** The named services that exist, by name, in batches of what one request takes. */
  private async activeServices(
    cluster: string,
    services: string[],
  ): Promise<Map<string, Service>> {
    const client = this.aws.client(ECSClient);
    const active = new Map<string, Service>();
    for (let i = 0; i < services.length; i += SERVICES_PER_REQUEST) {
      const out = await client.send(
        new DescribeServicesCommand({
          cluster,
          services: services.slice(i, i + SERVICES_PER_REQUEST),
        }),
      );
      for (const s of out.services ?? []) {
        // A deleted service lingers as INACTIVE: it runs nothing.
        if (s.serviceName && s.status !== 'INACTIVE') {
          active.set(s.serviceName, s);
        }
      }
    }
    return active;
  }
}
