# Seed, FinOps: Cost Anomaly Detection watches every AWS service and sends anomalies whose
# total impact reaches cost_anomaly_threshold_usd to the cost topic. (The topic and key
# policies that let it publish: topics.tftest.hcl, kms.tftest.hcl.)

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "anomalies_of_every_service_reach_the_cost_topic" {
  command = plan

  variables {
    cost_anomaly_threshold_usd = 40
  }

  assert {
    condition     = aws_ce_anomaly_monitor.services.monitor_type == "DIMENSIONAL" && aws_ce_anomaly_monitor.services.monitor_dimension == "SERVICE"
    error_message = "There must be an aws_ce_anomaly_monitor of type DIMENSIONAL by SERVICE (every AWS service)."
  }

  assert {
    condition     = aws_ce_anomaly_subscription.cost_alerts.monitor_arn_list == tolist([aws_ce_anomaly_monitor.services.arn])
    error_message = "aws_ce_anomaly_subscription.cost_alerts must send the service monitor's anomalies."
  }

  assert {
    condition = (
      aws_ce_anomaly_subscription.cost_alerts.frequency == "IMMEDIATE"
      && anytrue([for s in aws_ce_anomaly_subscription.cost_alerts.subscriber : s.type == "SNS" && s.address == aws_sns_topic.cost_alerts.arn])
    )
    error_message = "aws_ce_anomaly_subscription.cost_alerts must alert the cost topic IMMEDIATE-ly (Cost Anomaly Detection takes an SNS subscriber only with IMMEDIATE)."
  }

  assert {
    condition = anytrue([
      for t in aws_ce_anomaly_subscription.cost_alerts.threshold_expression :
      anytrue([for d in t.dimension : d.key == "ANOMALY_TOTAL_IMPACT_ABSOLUTE" && contains(d.match_options, "GREATER_THAN_OR_EQUAL") && d.values == toset(["40"])])
    ])
    error_message = "aws_ce_anomaly_subscription.cost_alerts must alert on an absolute total impact >= cost_anomaly_threshold_usd dollars."
  }
}

run "rejects_a_threshold_of_zero" {
  command = plan

  variables {
    cost_anomaly_threshold_usd = 0
  }

  expect_failures = [var.cost_anomaly_threshold_usd]
}
