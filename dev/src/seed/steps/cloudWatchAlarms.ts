import {
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { snsTopicArn } from '../arns';
import { emptyReport, SeedContext, SeedStep } from '../context';

/**
 * The alarms that exist before hardening (Day 5 is half done): the first ECS service's
 * CPU, memory and running-task alarms, and the DLQ depth alarms. The memory alarm was
 * created without an action, so it notifies nobody. RDS, queue-age, backlog and Lambda
 * alarms are missing. Names follow infra/terraform/production-hardening/alarms.tf.
 */
export function storyAlarms(
  ctx: Pick<SeedContext, 'region' | 'accountId' | 'resources'>,
): PutMetricAlarmCommandInput[] {
  const ops = [snsTopicArn(ctx, ctx.resources.topics.opsAlerts)];
  const { cluster, service } = ctx.resources.ecsServices[0];
  const ecsDimensions = [
    { Name: 'ClusterName', Value: cluster },
    { Name: 'ServiceName', Value: service },
  ];
  const common = { EvaluationPeriods: 1, OKActions: [] };
  const dlqAlarms = [
    ctx.resources.queues.workflowsDlq,
    ctx.resources.queues.rateLimiterDlq,
  ].map(queue => ({
    ...common,
    AlarmName: `${queue}-depth`,
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Statistic: 'Maximum' as const,
    Period: 60,
    ComparisonOperator: 'GreaterThanThreshold' as const,
    Threshold: 10,
    Dimensions: [{ Name: 'QueueName', Value: queue }],
    AlarmActions: ops,
  }));
  return [
    {
      ...common,
      AlarmName: `${cluster}-${service}-cpu-high`,
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 70,
      Dimensions: ecsDimensions,
      AlarmActions: ops,
    },
    {
      ...common,
      AlarmName: `${cluster}-${service}-memory-high`,
      Namespace: 'AWS/ECS',
      MetricName: 'MemoryUtilization',
      Statistic: 'Average',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 80,
      Dimensions: ecsDimensions,
      AlarmActions: [],
    },
    {
      ...common,
      AlarmName: `${cluster}-${service}-down`,
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
      Statistic: 'Minimum',
      Period: 60,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      Dimensions: ecsDimensions,
      AlarmActions: ops,
    },
    ...dlqAlarms,
  ];
}

export const cloudWatchAlarmsStep: SeedStep = {
  name: 'alarms',
  async run(ctx) {
    const report = emptyReport('alarms');
    const alarms = storyAlarms(ctx);
    const { MetricAlarms = [] } = await ctx.clients.cloudWatch.send(
      new DescribeAlarmsCommand({ AlarmNames: alarms.map(a => a.AlarmName!) }),
    );
    const existing = new Set(MetricAlarms.map(a => a.AlarmName));
    // PutMetricAlarm replaces an alarm of the same name: existing ones go back to the story.
    for (const alarm of alarms) {
      await ctx.clients.cloudWatch.send(new PutMetricAlarmCommand(alarm));
      (existing.has(alarm.AlarmName) ? report.existing : report.created).push(
        `alarm ${alarm.AlarmName}`,
      );
    }
    return report;
  },
};
