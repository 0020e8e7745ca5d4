# Values the mocked AWS provider returns instead of calling AWS. The provider still checks
# every argument against its real schema and validators, so computed values that other
# arguments take (ARNs, policy JSON, generated passwords) need a plausible shape. Each
# test file uses them with `override_during = plan`, so plans see them and no run has to
# apply.

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

# The statements stay readable in the plan (data.aws_iam_policy_document.<name>.statement);
# only the rendered JSON is a stand-in.
mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

override_data {
  target = data.aws_secretsmanager_random_password.redis_auth
  values = {
    random_password = "mock-auth-token-0123456789abcdefghijklmnopqrstuvwxyz"
  }
}

override_data {
  target = data.aws_secretsmanager_random_password.redis_portal
  values = {
    random_password = "mock-portal-password-0123456789abcdefghijklmnopqrst"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    key_id = "00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mock"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::mock-bucket"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = {
    arn = "arn:aws:events:us-east-1:123456789012:rule/mock"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn     = "arn:aws:lambda:us-east-1:123456789012:function:mock"
    version = "3"
  }
}

mock_resource "aws_lambda_alias" {
  defaults = {
    arn = "arn:aws:lambda:us-east-1:123456789012:function:mock:live"
  }
}

mock_resource "aws_ce_anomaly_monitor" {
  defaults = {
    arn = "arn:aws:ce::123456789012:anomalymonitor/mock"
  }
}

mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mock"
  }
}

mock_resource "aws_ecs_cluster" {
  defaults = {
    arn = "arn:aws:ecs:us-east-1:123456789012:cluster/mock"
  }
}

mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:us-east-1:123456789012:mock"
  }
}

# Distinct ARNs where a test tells resources of one type apart (which topic, which queue).
override_resource {
  target = aws_sns_topic.cost_alerts
  values = {
    arn = "arn:aws:sns:us-east-1:123456789012:huntaze-cost-alerts"
  }
}

override_resource {
  target = aws_sns_topic.security_alerts
  values = {
    arn = "arn:aws:sns:us-east-1:123456789012:huntaze-security-alerts"
  }
}

override_resource {
  target = aws_sns_topic.ops_alerts
  values = {
    arn = "arn:aws:sns:us-east-1:123456789012:huntaze-ops-alerts"
  }
}

override_resource {
  target = aws_sqs_queue.rate_limiter
  values = {
    arn = "arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-queue"
  }
}

override_resource {
  target = aws_sqs_queue.rate_limiter_dlq
  values = {
    arn = "arn:aws:sqs:us-east-1:123456789012:huntaze-rate-limiter-dlq"
  }
}

override_resource {
  target = aws_sqs_queue.workflows
  values = {
    arn = "arn:aws:sqs:us-east-1:123456789012:huntaze-hybrid-workflows.fifo"
  }
}

override_resource {
  target = aws_sqs_queue.workflows_dlq
  values = {
    arn = "arn:aws:sqs:us-east-1:123456789012:huntaze-hybrid-workflows-dlq.fifo"
  }
}

override_resource {
  target = aws_security_group.rate_limiter
  values = {
    id = "sg-0aaaaaaaaaaaaaaaa"
  }
}

override_resource {
  target = aws_security_group.redis
  values = {
    id = "sg-0bbbbbbbbbbbbbbbb"
  }
}
