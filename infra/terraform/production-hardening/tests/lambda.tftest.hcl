# The rate-limiter Lambda (seed: Rate Limiting Layer): the SQS mapping reports partial
# batch failures and caps concurrency, and invokes a `live` alias on a published version,
# so a rollback is one alias update.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "mapping_reports_partial_failures_through_the_live_alias" {
  command = plan

  assert {
    condition     = contains(aws_lambda_event_source_mapping.rate_limiter.function_response_types, "ReportBatchItemFailures")
    error_message = "aws_lambda_event_source_mapping.rate_limiter must report batch item failures (ReportBatchItemFailures), or one failed message retries the whole batch."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.rate_limiter.event_source_arn == aws_sqs_queue.rate_limiter.arn
    error_message = "The mapping must consume the rate-limiter queue."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.rate_limiter.scaling_config[0].maximum_concurrency >= 2
    error_message = "The mapping must cap concurrency with scaling_config.maximum_concurrency >= 2."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.rate_limiter.function_name == aws_lambda_alias.rate_limiter_live.arn
    error_message = "aws_lambda_event_source_mapping.rate_limiter does not invoke an alias (no instant rollback): function_name must be aws_lambda_alias.rate_limiter_live.arn."
  }

  assert {
    condition     = aws_lambda_alias.rate_limiter_live.function_name == aws_lambda_function.rate_limiter.function_name && aws_lambda_alias.rate_limiter_live.function_version == aws_lambda_function.rate_limiter.version
    error_message = "aws_lambda_alias.rate_limiter_live function_version is not the function's published version (${aws_lambda_alias.rate_limiter_live.function_version}); an alias on $LATEST has nothing to roll back to."
  }

  assert {
    condition     = aws_lambda_function.rate_limiter.publish == true
    error_message = "aws_lambda_function.rate_limiter must publish versions."
  }

  assert {
    condition     = aws_lambda_function.rate_limiter.vpc_config[0].subnet_ids == toset(var.private_subnet_ids) && aws_lambda_function.rate_limiter.vpc_config[0].security_group_ids == toset([aws_security_group.rate_limiter.id])
    error_message = "The function must run in the private subnets to reach Redis."
  }
}

run "a_pinned_version_is_what_the_alias_serves" {
  command = plan

  variables {
    rate_limiter_live_version = "7"
  }

  assert {
    condition     = aws_lambda_alias.rate_limiter_live.function_version == "7"
    error_message = "rate_limiter_live_version must pin the alias (a rollback survives the next apply)."
  }
}

run "rejects_latest_as_the_pinned_version" {
  command = plan

  variables {
    rate_limiter_live_version = "$LATEST"
  }

  expect_failures = [var.rate_limiter_live_version]
}
