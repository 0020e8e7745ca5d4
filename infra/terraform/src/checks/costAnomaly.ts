import { expandBlocks, mentions } from '../blocks';
import { resources, TfModule, variables } from '../module';
import { violation, Violation } from '../violations';
import {
  checkServicePublishes,
  missing,
  referencedName,
  value,
} from './common';

const PUBLISHER = 'costalerts.amazonaws.com';

/**
 * Seed, FinOps layer: an AWS Cost Anomaly Detection monitor of every service (dimensional,
 * by SERVICE) and a subscription sending anomalies above a dollar threshold (a validated
 * variable) to an SNS topic that Cost Anomaly Detection may publish to and whose key it
 * may use.
 */
export function checkCostAnomalyDetection(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const monitor = resources(mod, 'aws_ce_anomaly_monitor').find(
    m =>
      value(mod, m.body.monitor_type) === 'DIMENSIONAL' &&
      value(mod, m.body.monitor_dimension) === 'SERVICE',
  );
  if (!monitor)
    found.push(
      missing(
        'aws_ce_anomaly_monitor',
        'no aws_ce_anomaly_monitor of type DIMENSIONAL by SERVICE',
      ),
    );

  const subscription = resources(mod, 'aws_ce_anomaly_subscription').find(
    s =>
      monitor &&
      mentions(
        mod,
        s.body.monitor_arn_list,
        `aws_ce_anomaly_monitor.${monitor.name}.arn`,
      ),
  );
  if (!subscription) {
    found.push(
      missing(
        'aws_ce_anomaly_subscription',
        "no aws_ce_anomaly_subscription sends the service monitor's anomalies anywhere",
      ),
    );
    return found;
  }

  const snsSubscriber = expandBlocks(mod, subscription.body, 'subscriber').find(
    s => value(mod, s.type) === 'SNS',
  );
  const topic =
    snsSubscriber && referencedName(snsSubscriber.address, 'aws_sns_topic');
  if (!topic)
    found.push(
      violation(subscription, 'has no SNS subscriber on a topic of the module'),
    );
  else
    found.push(
      ...checkServicePublishes(
        mod,
        topic,
        PUBLISHER,
        `aws_ce_anomaly_subscription.${subscription.name} notifies it`,
      ),
    );
  // Cost Anomaly Detection accepts an SNS subscriber only with IMMEDIATE alerts.
  if (topic && value(mod, subscription.body.frequency) !== 'IMMEDIATE')
    found.push(
      violation(
        subscription,
        'must use frequency IMMEDIATE with an SNS subscriber',
      ),
    );

  const dimension = expandBlocks(mod, subscription.body, 'threshold_expression')
    .flatMap(t => expandBlocks(mod, t, 'dimension'))
    .find(d => value(mod, d.key) === 'ANOMALY_TOTAL_IMPACT_ABSOLUTE');
  const thresholdVariable = dimension
    ? /var\.([A-Za-z0-9_]+)/.exec(JSON.stringify(dimension.values ?? ''))?.[1]
    : undefined;
  const declared =
    thresholdVariable && variables(mod).find(v => v.name === thresholdVariable);
  if (!dimension || !declared)
    found.push(
      violation(
        subscription,
        'has no threshold_expression on ANOMALY_TOTAL_IMPACT_ABSOLUTE taken from a variable (dollars)',
      ),
    );
  else if (
    !JSON.stringify(dimension.match_options ?? '').includes('GREATER_THAN')
  )
    found.push(
      violation(subscription, 'threshold does not alert on impacts above it'),
    );
  else if (
    !expandBlocks(mod, declared.body, 'validation').some(v =>
      new RegExp(`var\\.${thresholdVariable}\\s*>`).test(String(v.condition)),
    )
  )
    found.push(
      violation(declared, 'has no validation that the threshold is positive'),
    );
  return found;
}
