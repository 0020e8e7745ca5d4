################################################################################
# Monthly cost budget (seed: $500, alert at 80% forecasted and 100% actual).
################################################################################

resource "aws_budgets_budget" "monthly" {
  name         = local.names.budget
  account_id   = local.account
  budget_type  = "COST"
  limit_amount = format("%.2f", var.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  notification {
    comparison_operator       = "GREATER_THAN"
    notification_type         = "FORECASTED"
    threshold                 = var.budget_forecasted_threshold_percent
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.cost_alerts.arn]
  }

  notification {
    comparison_operator       = "GREATER_THAN"
    notification_type         = "ACTUAL"
    threshold                 = var.budget_actual_threshold_percent
    threshold_type            = "PERCENTAGE"
    subscriber_sns_topic_arns = [aws_sns_topic.cost_alerts.arn]
  }

  tags = local.tags

  depends_on = [aws_sns_topic_policy.cost_alerts]
}
