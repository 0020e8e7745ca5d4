################################################################################
# ECS roles (seed: IAM & Secrets). The execution role pulls images, writes container
# logs and reads the database and Redis secrets and the named ones; the task role
# reaches only the module's tables, queues and topics and the listed buckets.
################################################################################

locals {
  ecs_log_group_arn_pattern = "arn:${local.partition}:logs:${local.region}:${local.account}:log-group:/ecs/${var.name_prefix}-*"

  dynamodb_item_actions = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
  ]
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

data "aws_iam_policy_document" "ecs_task_execution" {
  # GetAuthorizationToken has no resource-level permissions.
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = length(var.ecr_repository_arns) > 0 ? [1] : []

    content {
      sid       = "PullImages"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
      resources = var.ecr_repository_arns
    }
  }

  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.ecs_log_group_arn_pattern}:log-stream:*"]
  }

  dynamic "statement" {
    for_each = length(var.ecs_secret_arns) > 0 ? [1] : []

    content {
      sid       = "ReadNamedSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = var.ecs_secret_arns
    }
  }

  # The services connect to PostgreSQL and Redis with the module's secrets (injected as
  # container secrets).
  statement {
    sid       = "ReadDatabaseAndRedisSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.this["database"].arn, aws_secretsmanager_secret.redis_auth.arn]
  }

  statement {
    sid       = "DecryptModuleSecrets"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "ecs_task" {
  statement {
    sid     = "CostTables"
    actions = local.dynamodb_item_actions
    resources = [
      aws_dynamodb_table.ai_costs.arn,
      "${aws_dynamodb_table.ai_costs.arn}/index/*",
      aws_dynamodb_table.cost_alerts.arn,
      "${aws_dynamodb_table.cost_alerts.arn}/index/*",
    ]
  }

  statement {
    sid = "WorkQueues"
    actions = [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
    ]
    resources = [aws_sqs_queue.workflows.arn, aws_sqs_queue.rate_limiter.arn]
  }

  statement {
    sid       = "PublishCostAlerts"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.cost_alerts.arn]
  }

  # Publishing to a topic encrypted with a customer managed key needs the key.
  statement {
    sid       = "UseAlertTopicKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${local.region}.amazonaws.com"]
    }
  }

  dynamic "statement" {
    for_each = length(var.ecs_task_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "ListBuckets"
      actions   = ["s3:ListBucket"]
      resources = var.ecs_task_bucket_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.ecs_task_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "ReadWriteObjects"
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = [for arn in var.ecs_task_bucket_arns : "${arn}/*"]
    }
  }
}

resource "aws_iam_role" "ecs_task_execution" {
  name               = "${var.name_prefix}-ecs-task-execution"
  description        = "ECS task execution: pull images, write logs, read the database, Redis and named secrets"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = local.tags
}

resource "aws_iam_role_policy" "ecs_task_execution" {
  name   = "least-privilege"
  role   = aws_iam_role.ecs_task_execution.id
  policy = data.aws_iam_policy_document.ecs_task_execution.json
}

resource "aws_iam_role" "ecs_task" {
  name               = "${var.name_prefix}-ecs-task"
  description        = "ECS tasks: the cost tables, the work queues, cost alerts, the listed buckets"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = local.tags
}

resource "aws_iam_role_policy" "ecs_task" {
  name   = "least-privilege"
  role   = aws_iam_role.ecs_task.id
  policy = data.aws_iam_policy_document.ecs_task.json
}
