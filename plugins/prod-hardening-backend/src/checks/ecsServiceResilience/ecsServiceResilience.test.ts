import {
  EcsServiceResilienceFacts,
  evaluateEcsServiceResilience,
  trackedMetric,
} from './evaluate';

type Service = EcsServiceResilienceFacts['services'][number];

const cpu = {
  name: 'web-cpu-target',
  type: 'TargetTrackingScaling',
  predefinedMetric: 'ECSServiceAverageCPUUtilization',
  targetValue: 60,
};
const memory = {
  name: 'web-memory-target',
  type: 'TargetTrackingScaling',
  predefinedMetric: 'ECSServiceAverageMemoryUtilization',
  targetValue: 70,
};

const service = (over: Partial<Service> = {}): Service => ({
  cluster: 'huntaze-web-production',
  service: 'web',
  found: true,
  serviceArn:
    'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web',
  deploymentController: 'ECS',
  circuitBreaker: { enable: true, rollback: true },
  scalableTarget: { minCapacity: 2, maxCapacity: 10 },
  policies: [cpu, memory],
  ...over,
});

const evaluate = (...services: Service[]) =>
  evaluateEcsServiceResilience({ services });

describe('evaluateEcsServiceResilience', () => {
  it('passes a service with circuit breaker and rollback that tracks CPU and memory', () => {
    const e = evaluate(service());
    expect(e.status).toBe('PASS');
    expect(e.summary).toBe(
      'Every service rolls back failed deployments and scales on CPU and memory.',
    );
    expect(e.resources[0]).toEqual({
      resourceId:
        'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web',
      resourceType: 'AwsEcsService',
      status: 'PASS',
      evidence:
        'service huntaze-web-production/web: circuit breaker with rollback; auto scaling 2–10 tasks, target tracking CPU at 60%, memory at 70%',
    });
  });

  it('fails a service without a circuit breaker and counts it in the summary', () => {
    const e = evaluate(
      service(),
      service({ service: 'ai', circuitBreaker: undefined }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[1].evidence).toContain(
      'no deployment circuit breaker: a deployment whose tasks never start keeps replacing them',
    );
    expect(e.summary).toBe(
      '1 of 2 services lack a rollback on failed deployments or auto scaling on CPU and memory.',
    );
  });

  it('fails a disabled circuit breaker even when rollback is set', () => {
    expect(
      evaluate(service({ circuitBreaker: { enable: false, rollback: true } }))
        .status,
    ).toBe('FAIL');
  });

  it('warns when the circuit breaker stops a failed deployment without rolling it back', () => {
    const e = evaluate(
      service({ circuitBreaker: { enable: true, rollback: false } }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain(
      'circuit breaker without rollback',
    );
  });

  it('warns that the circuit breaker does not apply to a CodeDeploy service', () => {
    const e = evaluate(
      service({
        deploymentController: 'CODE_DEPLOY',
        circuitBreaker: undefined,
      }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain(
      'deployment controller CODE_DEPLOY: the circuit breaker does not apply',
    );
  });

  it('fails a service without a scalable target', () => {
    const e = evaluate(service({ scalableTarget: undefined, policies: [] }));
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toMatch(
      /circuit breaker with rollback; no auto scaling: the task count is fixed$/,
    );
  });

  it('fails a service that scales on CPU only and names the missing metric', () => {
    const e = evaluate(service({ policies: [cpu] }));
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toMatch(
      /auto scaling 2–10 tasks, target tracking CPU at 60%: no target tracking on memory$/,
    );
  });

  it('does not count a step scaling policy on CPU as target tracking', () => {
    const e = evaluate(
      service({ policies: [{ ...cpu, type: 'StepScaling' }, memory] }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[0].evidence).toContain('no target tracking on CPU');
  });

  it('warns when the scalable target cannot scale out (maximum equals minimum)', () => {
    const e = evaluate(
      service({ scalableTarget: { minCapacity: 2, maxCapacity: 2 } }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain('cannot scale out');
  });

  it('warns about a configured service that does not exist', () => {
    const e = evaluate(
      service({ found: false, serviceArn: undefined, policies: [] }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'huntaze-web-production/web',
      evidence: 'service web not found in huntaze-web-production',
    });
  });
});

describe('trackedMetric', () => {
  it.each([
    [cpu, 'CPU'],
    [memory, 'memory'],
    [
      {
        name: 'c',
        type: 'TargetTrackingScaling',
        customMetric: { namespace: 'AWS/ECS', name: 'MemoryUtilization' },
      },
      'memory',
    ],
    [
      {
        name: 'r',
        type: 'TargetTrackingScaling',
        predefinedMetric: 'ALBRequestCountPerTarget',
      },
      undefined,
    ],
    [
      {
        name: 'x',
        type: 'TargetTrackingScaling',
        customMetric: { namespace: 'Huntaze', name: 'CPUUtilization' },
      },
      undefined,
    ],
  ])('reads %j as %s', (policy, metric) => {
    expect(trackedMetric(policy)).toBe(metric);
  });
});
