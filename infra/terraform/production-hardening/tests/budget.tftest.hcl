# AWS Budgets (seed: FinOps): a $500 monthly cost budget notifying the cost topic at 80%
# forecasted and 100% actual.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "budgets_500_usd_with_forecasted_and_actual_alerts" {
  command = plan

  assert {
    condition = (
      aws_budgets_budget.monthly.budget_type == "COST"
      && aws_budgets_budget.monthly.time_unit == "MONTHLY"
      && aws_budgets_budget.monthly.limit_unit == "USD"
      && aws_budgets_budget.monthly.limit_amount == "500.00"
    )
    error_message = "aws_budgets_budget.monthly must be a monthly COST budget of 500 USD (seed); it is ${aws_budgets_budget.monthly.limit_amount} ${aws_budgets_budget.monthly.limit_unit}."
  }

  assert {
    condition = anytrue([
      for n in aws_budgets_budget.monthly.notification :
      n.notification_type == "FORECASTED" && n.threshold == 80 && n.threshold_type == "PERCENTAGE" && n.comparison_operator == "GREATER_THAN" && contains(n.subscriber_sns_topic_arns, aws_sns_topic.cost_alerts.arn)
    ])
    error_message = "The budget must notify the cost topic at 80% FORECASTED (seed); it has ${jsonencode([for n in aws_budgets_budget.monthly.notification : "${n.notification_type} ${n.threshold}%"])}."
  }

  assert {
    condition = anytrue([
      for n in aws_budgets_budget.monthly.notification :
      n.notification_type == "ACTUAL" && n.threshold == 100 && n.threshold_type == "PERCENTAGE" && n.comparison_operator == "GREATER_THAN" && contains(n.subscriber_sns_topic_arns, aws_sns_topic.cost_alerts.arn)
    ])
    error_message = "The budget must notify the cost topic at 100% ACTUAL (seed)."
  }
}

run "takes_the_amount_from_monthly_budget_usd" {
  command = plan

  variables {
    monthly_budget_usd = 750
  }

  assert {
    condition     = aws_budgets_budget.monthly.limit_amount == "750.00"
    error_message = "limit_amount must follow monthly_budget_usd."
  }
}

run "rejects_a_budget_of_zero" {
  command = plan

  variables {
    monthly_budget_usd = 0
  }

  expect_failures = [var.monthly_budget_usd]
}
