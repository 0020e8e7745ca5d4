################################################################################
# AWS Cost Anomaly Detection (seed: FinOps layer). One monitor watches the spend of
# every AWS service; anomalies whose total impact reaches cost_anomaly_threshold_usd are
# sent to the cost topic at once, beside the budget alerts. Cost Explorer has one
# endpoint (us-east-1) whatever the region; the provider calls it there.
#
# An account has at most one AWS-services monitor. If the account already has one
# (AWS creates "Default-Services-Monitor" on some accounts), import it instead (README).
################################################################################

resource "aws_ce_anomaly_monitor" "services" {
  name              = local.names.cost_anomaly_monitor
  monitor_type      = "DIMENSIONAL"
  monitor_dimension = "SERVICE"

  tags = local.tags
}

resource "aws_ce_anomaly_subscription" "cost_alerts" {
  name             = local.names.cost_anomaly_alerts
  monitor_arn_list = [aws_ce_anomaly_monitor.services.arn]

  # An SNS subscriber requires IMMEDIATE: one notification per anomaly, as it is found.
  frequency = "IMMEDIATE"

  subscriber {
    type    = "SNS"
    address = aws_sns_topic.cost_alerts.arn
  }

  threshold_expression {
    dimension {
      key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
      match_options = ["GREATER_THAN_OR_EQUAL"]
      values        = [tostring(var.cost_anomaly_threshold_usd)]
    }
  }

  tags = local.tags

  # Cost Anomaly Detection checks that it may publish when the subscription is created.
  depends_on = [aws_sns_topic_policy.cost_alerts]
}
