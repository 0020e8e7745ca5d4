import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

/** One CloudWatch alarm of the seed's "Monitoring & Alerts" list. */
export interface ExpectedAlarm {
  name: string;
  /** What it watches, for the evidence. */
  purpose: string;
  /** The seed's threshold; undefined where it depends on the instance (connections). */
  threshold?: number;
}

/** The resource names the alarm list is derived from (prodHardening.resources). */
export interface AlarmedResources {
  ecsServices: Array<{ cluster: string; service: string }>;
  rdsInstanceId: string;
  queues: {
    workflows: string;
    workflowsDlq: string;
    rateLimiter: string;
    rateLimiterDlq: string;
  };
  rateLimiterFunctionName: string;
}

/**
 * The seed's alarm list with the names infra/terraform/production-hardening/alarms.tf
 * gives them, so an account built by the module passes and one built by hand can
 * follow the same names.
 */
export function expectedAlarms(r: AlarmedResources): ExpectedAlarm[] {
  const ecs = r.ecsServices.flatMap(({ cluster, service }) => {
    const base = `${cluster}-${service}`;
    return [
      {
        name: `${base}-cpu-high`,
        purpose: 'ECS CPU > 70% for 5 min',
        threshold: 70,
      },
      {
        name: `${base}-memory-high`,
        purpose: 'ECS memory > 80% for 5 min',
        threshold: 80,
      },
      {
        name: `${base}-down`,
        purpose: 'ECS running tasks < 1 for 1 min',
        threshold: 1,
      },
    ];
  });
  const db = r.rdsInstanceId;
  const rds = [
    {
      name: `${db}-cpu-high`,
      purpose: 'RDS CPU > 80% for 5 min',
      threshold: 80,
    },
    {
      name: `${db}-freeable-memory-low`,
      purpose: 'RDS freeable memory < 1 GiB for 5 min',
      threshold: 1024 ** 3,
    },
    {
      name: `${db}-connections-high`,
      purpose: 'RDS connections > 80% of max for 5 min',
    },
  ];
  const queues = [r.queues.workflows, r.queues.rateLimiter].flatMap(q => [
    {
      name: `${q}-oldest-message-age`,
      purpose: 'SQS oldest message > 300 s for 5 min',
      threshold: 300,
    },
    {
      name: `${q}-backlog`,
      purpose: 'SQS visible messages > 1000 for 5 min',
      threshold: 1000,
    },
  ]);
  const dlqs = [r.queues.workflowsDlq, r.queues.rateLimiterDlq].map(q => ({
    name: `${q}-depth`,
    purpose: 'DLQ depth > 10 for 1 min',
    threshold: 10,
  }));
  const fn = r.rateLimiterFunctionName;
  const lambda = [
    {
      name: `${fn}-error-rate`,
      purpose: 'Lambda errors > 5% for 5 min',
      threshold: 5,
    },
    {
      name: `${fn}-duration`,
      purpose: 'Lambda duration > 10 s for 5 min',
      threshold: 10_000,
    },
    {
      name: `${fn}-throttles`,
      purpose: 'Lambda throttles > 0 for 1 min',
      threshold: 0,
    },
  ];
  return [...ecs, ...rds, ...queues, ...dlqs, ...lambda];
}

export interface AlarmFacts {
  expected: ExpectedAlarm[];
  found: Array<{ name: string; threshold?: number; actions: string[] }>;
}

export function evaluateAlarms(f: AlarmFacts): Evaluation {
  const byName = new Map(f.found.map(a => [a.name, a]));
  const resources: ResourceEvidence[] = f.expected.map(e => {
    const alarm = byName.get(e.name);
    const base = { resourceId: e.name, resourceType: 'AwsCloudWatchAlarm' };
    if (!alarm) {
      return { ...base, status: 'FAIL', evidence: `missing (${e.purpose})` };
    }
    if (alarm.actions.length === 0) {
      return {
        ...base,
        status: 'WARN',
        evidence: `exists but has no alarm action: nobody is notified (${e.purpose})`,
      };
    }
    if (e.threshold !== undefined && alarm.threshold !== e.threshold) {
      return {
        ...base,
        status: 'WARN',
        evidence: `threshold ${alarm.threshold ?? 'unset'}, the plan says ${
          e.threshold
        } (${e.purpose})`,
      };
    }
    return {
      ...base,
      status: 'PASS',
      evidence: `threshold ${alarm.threshold}, notifies ${alarm.actions.join(
        ', ',
      )}`,
    };
  });
  const present = resources.length - countBy(resources, 'FAIL');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${present} of ${
      resources.length
    } alarms of the hardening plan exist; ${countBy(
      resources,
      'PASS',
    )} notify someone with the planned threshold.`,
    resources,
  };
}
