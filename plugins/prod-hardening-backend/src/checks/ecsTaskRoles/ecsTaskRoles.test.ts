import { evaluateEcsTaskRoles } from './evaluate';

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const service = (over = {}) => ({
  cluster: 'huntaze-web-production',
  service: 'web',
  found: true,
  taskDefinitionArn:
    'arn:aws:ecs:us-east-1:123456789012:task-definition/huntaze-web:3',
  taskRoleArn: role('huntaze-ecs-task'),
  executionRoleArn: role('huntaze-ecs-task-execution'),
  ...over,
});

describe('evaluateEcsTaskRoles', () => {
  it('passes a service whose task role differs from its execution role', () => {
    const e = evaluateEcsTaskRoles({ services: [service()] });
    expect(e.status).toBe('PASS');
    expect(e.resources[0]).toMatchObject({
      resourceId:
        'arn:aws:ecs:us-east-1:123456789012:task-definition/huntaze-web:3',
      resourceType: 'AwsEcsTaskDefinition',
    });
  });

  it('fails a service that runs the application with its execution role, even when one is written as a name', () => {
    const e = evaluateEcsTaskRoles({
      services: [
        service({
          taskRoleArn: 'huntaze-ecs-task-execution',
        }),
      ],
    });
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toMatch(
      /the application runs with the execution role$/,
    );
  });

  it('fails a service without a task role', () => {
    const e = evaluateEcsTaskRoles({
      services: [service(), service({ service: 'ai', taskRoleArn: undefined })],
    });
    expect(e.status).toBe('FAIL');
    expect(e.resources[1].evidence).toContain('taskRoleArn=none');
    expect(e.summary).toBe('1 of 2 services have no task role of their own.');
  });

  it('passes a task role without an execution role (public images, no secrets)', () => {
    expect(
      evaluateEcsTaskRoles({
        services: [service({ executionRoleArn: undefined })],
      }).status,
    ).toBe('PASS');
  });

  it('warns about a configured service that does not exist', () => {
    const e = evaluateEcsTaskRoles({
      services: [
        {
          cluster: 'huntaze-ai-production',
          service: 'ai',
          found: false,
        },
      ],
    });
    expect(e.status).toBe('WARN');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'huntaze-ai-production/ai',
      evidence: 'service ai not found in huntaze-ai-production',
    });
  });
});
