import {
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommandInput,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { iamRoleArn } from '../arns';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

/** The execution role of infra/terraform/production-hardening/iam_ecs.tf. */
export const EXECUTION_ROLE = 'huntaze-ecs-task-execution';

/**
 * Task roles before hardening: this part of the IAM split was done early. The web
 * service uses the module's task role, the workers and the AI service roles of their
 * own (the workers' role is the one GuardDuty saw used from outside AWS).
 */
export function storyTaskRoles(index: number): {
  taskRole: string;
  executionRole: string;
} {
  const taskRole = [
    'huntaze-ecs-task',
    'huntaze-workers-task-role',
    'huntaze-ai-task-role',
  ][Math.min(index, 2)];
  return { taskRole, executionRole: EXECUTION_ROLE };
}

export function buildTaskDefinitionInput(
  accountId: string,
  region: string,
  service: string,
  index: number,
): RegisterTaskDefinitionCommandInput {
  const roles = storyTaskRoles(index);
  return {
    family: service,
    taskRoleArn: iamRoleArn({ accountId, region }, roles.taskRole),
    executionRoleArn: iamRoleArn({ accountId, region }, roles.executionRole),
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    containerDefinitions: [
      {
        name: service,
        image: `${accountId}.dkr.ecr.${region}.amazonaws.com/huntaze-${service}:production`,
        essential: true,
        portMappings: [{ containerPort: 3000 }],
      },
    ],
  };
}

/** The family's latest revision, if it has the story's roles. */
async function currentRevision(
  ctx: SeedContext,
  input: RegisterTaskDefinitionCommandInput,
): Promise<string | undefined> {
  try {
    const { taskDefinition } = await ctx.clients.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: input.family }),
    );
    return taskDefinition?.taskRoleArn === input.taskRoleArn &&
      taskDefinition?.executionRoleArn === input.executionRoleArn
      ? taskDefinition?.taskDefinitionArn
      : undefined;
  } catch (err) {
    if (isAwsError(err, 'ClientException')) return undefined;
    throw err;
  }
}

async function ensureService(
  ctx: SeedContext,
  cluster: string,
  service: string,
  taskDefinition: string,
  report: StepReport,
) {
  const { services = [] } = await ctx.clients.ecs.send(
    new DescribeServicesCommand({ cluster, services: [service] }),
  );
  const active = services.find(
    s => s.serviceName === service && s.status !== 'INACTIVE',
  );
  if (!active) {
    await ctx.clients.ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: service,
        taskDefinition,
        desiredCount: 2,
        launchType: 'FARGATE',
      }),
    );
    report.created.push(`service ${cluster}/${service}`);
    return;
  }
  if (active.taskDefinition !== taskDefinition) {
    await ctx.clients.ecs.send(
      new UpdateServiceCommand({ cluster, service, taskDefinition }),
    );
  }
  report.existing.push(`service ${cluster}/${service}`);
}

/** The services of the three clusters, each on a task definition with the story's roles. */
export const ecsServicesStep: SeedStep = {
  name: 'ecs-services',
  async run(ctx) {
    const report = emptyReport('ecs-services');
    for (const [
      index,
      { cluster, service },
    ] of ctx.resources.ecsServices.entries()) {
      const input = buildTaskDefinitionInput(
        ctx.accountId,
        ctx.region,
        service,
        index,
      );
      let arn = await currentRevision(ctx, input);
      if (arn) {
        report.existing.push(`task definition ${service}`);
      } else {
        const { taskDefinition } = await ctx.clients.ecs.send(
          new RegisterTaskDefinitionCommand(input),
        );
        arn = taskDefinition!.taskDefinitionArn!;
        report.created.push(`task definition ${arn.split('/').pop()}`);
      }
      await ensureService(ctx, cluster, service, arn, report);
    }
    return report;
  },
};
