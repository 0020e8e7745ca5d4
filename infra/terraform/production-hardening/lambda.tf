################################################################################
# Rate-limiter Lambda (seed: Rate Limiting Layer): SQS -> Lambda -> Redis token bucket
# -> messaging API.
#
# Concurrency: the seed says "concurrency=1". Reserved concurrency 1 on an SQS-triggered
# function does not serialise sends; the event source mapping keeps polling and invokes
# faster than one instance can take, the throttled batches go back to the queue and,
# after 5 receives, into the DLQ. The per-creator limit is enforced atomically in Redis,
# so parallel instances cannot exceed it. The mapping's maximum concurrency (2 at least)
# caps parallelism without that failure mode.
################################################################################

locals {
  # Variable names as lambdas/rate-limiter/src/config.ts reads them (test/names.test.ts).
  # No secret in the environment: the function reads the Redis AUTH token from Secrets
  # Manager at cold start (REDIS_AUTH_TOKEN_SECRET_ID), so it is not visible to anyone
  # who can read the function's configuration.
  rate_limiter_environment = {
    REDIS_URL                     = "rediss://${aws_elasticache_replication_group.redis.primary_endpoint_address}:${local.redis_port}"
    REDIS_AUTH_TOKEN_SECRET_ID    = aws_secretsmanager_secret.redis_auth.arn
    QUEUE_URL                     = aws_sqs_queue.rate_limiter.url
    DLQ_URL                       = aws_sqs_queue.rate_limiter_dlq.url
    MAX_RECEIVES                  = tostring(local.max_receive_count)
    MAX_CONCURRENCY               = tostring(var.rate_limiter_max_concurrency)
    MESSAGING_API_BASE_URL        = var.messaging_api_base_url
    MESSAGING_API_TOKEN_SECRET_ID = aws_secretsmanager_secret.this["messaging_api"].arn
    RATE_LIMIT_CAPACITY           = tostring(var.rate_limiter_limits.capacity)
    RATE_LIMIT_REFILL_INTERVAL_MS = tostring(var.rate_limiter_limits.refill_interval_ms)
    RATE_LIMIT_WINDOW_LIMIT       = tostring(var.rate_limiter_limits.window_limit)
    RATE_LIMIT_WINDOW_MS          = tostring(var.rate_limiter_limits.window_ms)
    POWERTOOLS_SERVICE_NAME       = "rate-limiter"
  }
}

resource "aws_cloudwatch_log_group" "rate_limiter" {
  name              = "/aws/lambda/${local.names.rate_limiter_function}"
  retention_in_days = var.log_retention_days

  tags = local.tags
}

resource "aws_security_group" "rate_limiter" {
  name        = "${local.names.rate_limiter_function}-sg"
  description = "Rate-limiter Lambda: out to Redis and HTTPS only"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${local.names.rate_limiter_function}-sg" })
}

resource "aws_vpc_security_group_egress_rule" "rate_limiter_to_redis" {
  security_group_id            = aws_security_group.rate_limiter.id
  description                  = "Redis (TLS)"
  ip_protocol                  = "tcp"
  from_port                    = local.redis_port
  to_port                      = local.redis_port
  referenced_security_group_id = aws_security_group.redis.id

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "rate_limiter_https" {
  security_group_id = aws_security_group.rate_limiter.id
  description       = "HTTPS: messaging API, SQS and Secrets Manager"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = local.tags
}

data "aws_iam_policy_document" "rate_limiter_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

data "aws_iam_policy_document" "rate_limiter" {
  statement {
    sid = "ConsumeAndDeferOwnQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:SendMessage",
    ]
    resources = [aws_sqs_queue.rate_limiter.arn]
  }

  statement {
    sid       = "DeadLetterInvalidMessages"
    actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.rate_limiter_dlq.arn]
  }

  statement {
    sid       = "ReadMessagingApiToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.this["messaging_api"].arn]
  }

  statement {
    sid       = "ReadRedisAuthToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.redis_auth.arn]
  }

  # The token secrets are encrypted with the module's key; only Secrets Manager may use
  # it on the function's behalf.
  statement {
    sid       = "DecryptTokenSecrets"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.rate_limiter.arn}:log-stream:*"]
  }

  # Lambda attaches the function to the VPC through network interfaces; these EC2
  # actions do not support resource-level permissions.
  statement {
    sid = "ManageVpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "rate_limiter" {
  name               = local.names.rate_limiter_function
  description        = "Rate-limiter Lambda: its queues, its secret, its log group"
  assume_role_policy = data.aws_iam_policy_document.rate_limiter_assume.json

  tags = local.tags
}

resource "aws_iam_role_policy" "rate_limiter" {
  name   = "least-privilege"
  role   = aws_iam_role.rate_limiter.id
  policy = data.aws_iam_policy_document.rate_limiter.json
}

resource "aws_lambda_function" "rate_limiter" {
  function_name    = local.names.rate_limiter_function
  description      = "Per-creator messaging rate limiter (Redis token bucket)"
  role             = aws_iam_role.rate_limiter.arn
  filename         = var.rate_limiter_artifact_path
  source_code_hash = filebase64sha256(var.rate_limiter_artifact_path)
  handler          = var.rate_limiter_handler
  runtime          = var.rate_limiter_runtime
  architectures    = ["arm64"]
  memory_size      = var.rate_limiter_memory_mb
  timeout          = var.rate_limiter_timeout_seconds
  publish          = true

  reserved_concurrent_executions = var.rate_limiter_reserved_concurrency == null ? -1 : var.rate_limiter_reserved_concurrency

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.rate_limiter.id]
  }

  environment {
    variables = local.rate_limiter_environment
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.rate_limiter.name
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.rate_limiter, aws_cloudwatch_log_group.rate_limiter]
}

# The event source mapping invokes the alias: rolling back is one alias update to the
# previous published version (seed: Lambda rollback). Every apply that changes the code
# or configuration publishes a new version and moves the alias to it, unless
# rate_limiter_live_version pins an older one (docs/runbooks/rate-limiter.md).
resource "aws_lambda_alias" "rate_limiter_live" {
  name             = local.names.rate_limiter_alias
  description      = "Version consuming the rate-limiter queue"
  function_name    = aws_lambda_function.rate_limiter.function_name
  function_version = coalesce(var.rate_limiter_live_version, aws_lambda_function.rate_limiter.version)
}

resource "aws_lambda_event_source_mapping" "rate_limiter" {
  event_source_arn        = aws_sqs_queue.rate_limiter.arn
  function_name           = aws_lambda_alias.rate_limiter_live.arn
  batch_size              = var.rate_limiter_batch_size
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.rate_limiter_max_concurrency
  }

  lifecycle {
    precondition {
      condition     = var.rate_limiter_reserved_concurrency == null || coalesce(var.rate_limiter_reserved_concurrency, 0) >= var.rate_limiter_max_concurrency
      error_message = "rate_limiter_reserved_concurrency must be at least rate_limiter_max_concurrency, or SQS batches are throttled into the DLQ."
    }
  }

  tags = local.tags
}
