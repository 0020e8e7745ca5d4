# Log retention (seed: 30-90 days): validated to the CloudWatch values in that range and
# applied to every log group of the module.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "every_log_group_keeps_logs_for_log_retention_days" {
  command = plan

  variables {
    log_retention_days      = 60
    managed_log_group_names = ["/ecs/huntaze-web", "/ecs/huntaze-workers"]
  }

  assert {
    condition = alltrue([
      for g in concat(values(aws_cloudwatch_log_group.managed), [aws_cloudwatch_log_group.cloudtrail, aws_cloudwatch_log_group.rate_limiter]) :
      g.retention_in_days == 60
    ])
    error_message = "Every log group must keep its logs for log_retention_days."
  }

  assert {
    condition     = length(aws_cloudwatch_log_group.managed) == 2
    error_message = "Each name in managed_log_group_names must get a log group."
  }
}

run "defaults_to_30_days" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.cloudtrail.retention_in_days == 30
    error_message = "log_retention_days must default to 30 days."
  }
}

run "rejects_retention_below_30_days" {
  command = plan

  variables {
    log_retention_days = 14
  }

  expect_failures = [var.log_retention_days]
}

run "rejects_retention_above_90_days" {
  command = plan

  variables {
    log_retention_days = 120
  }

  expect_failures = [var.log_retention_days]
}
