################################################################################
# The seed's CloudWatch alarms (Monitoring & Alerts), all to the ops topic.
################################################################################

locals {
  alarm_actions = [aws_sns_topic.ops_alerts.arn]

  queues_for_alarms = {
    workflows    = aws_sqs_queue.workflows.name
    rate_limiter = aws_sqs_queue.rate_limiter.name
  }

  dlqs_for_alarms = {
    workflows    = aws_sqs_queue.workflows_dlq.name
    rate_limiter = aws_sqs_queue.rate_limiter_dlq.name
  }
}

# ECS: CPU > 70% and memory > 80% for 5 minutes; no running task for 1 minute.

resource "aws_cloudwatch_metric_alarm" "ecs_cpu" {
  for_each = local.ecs_services

  alarm_name          = "${each.value.cluster_name}-${each.value.service_name}-cpu-high"
  alarm_description   = "ECS ${each.key}: CPU above ${var.ecs_cpu_alarm_threshold_percent}% for 5 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.ecs_cpu_alarm_threshold_percent
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    ClusterName = each.value.cluster_name
    ServiceName = each.value.service_name
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "ecs_memory" {
  for_each = local.ecs_services

  alarm_name          = "${each.value.cluster_name}-${each.value.service_name}-memory-high"
  alarm_description   = "ECS ${each.key}: memory above ${var.ecs_memory_alarm_threshold_percent}% for 5 minutes"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.ecs_memory_alarm_threshold_percent
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    ClusterName = each.value.cluster_name
    ServiceName = each.value.service_name
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "ecs_running_tasks" {
  for_each = local.ecs_services

  alarm_name          = "${each.value.cluster_name}-${each.value.service_name}-down"
  alarm_description   = "ECS ${each.key}: no running task (Container Insights)"
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    ClusterName = each.value.cluster_name
    ServiceName = each.value.service_name
  }

  tags = local.tags

  depends_on = [aws_ecs_cluster.this]
}

# RDS: CPU > 80%, freeable memory < 1 GiB, connections > 80% of max, for 5 minutes.

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  count = var.rds_instance_identifier == null ? 0 : 1

  alarm_name          = "${var.rds_instance_identifier}-cpu-high"
  alarm_description   = "RDS ${var.rds_instance_identifier}: CPU above 80% for 5 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    DBInstanceIdentifier = var.rds_instance_identifier
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_freeable_memory" {
  count = var.rds_instance_identifier == null ? 0 : 1

  alarm_name          = "${var.rds_instance_identifier}-freeable-memory-low"
  alarm_description   = "RDS ${var.rds_instance_identifier}: freeable memory below ${var.rds_freeable_memory_alarm_bytes} bytes for 5 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "FreeableMemory"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.rds_freeable_memory_alarm_bytes
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    DBInstanceIdentifier = var.rds_instance_identifier
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_connections" {
  count = var.rds_instance_identifier == null ? 0 : 1

  alarm_name          = "${var.rds_instance_identifier}-connections-high"
  alarm_description   = "RDS ${var.rds_instance_identifier}: connections above 80% of ${var.rds_max_connections} for 5 minutes"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = floor(0.8 * var.rds_max_connections)
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    DBInstanceIdentifier = var.rds_instance_identifier
  }

  tags = local.tags
}

# SQS: oldest message > 300 s and > 1000 visible messages for 5 minutes; DLQ depth > 10.

resource "aws_cloudwatch_metric_alarm" "sqs_oldest_message_age" {
  for_each = local.queues_for_alarms

  alarm_name          = "${each.value}-oldest-message-age"
  alarm_description   = "SQS ${each.value}: oldest message older than 300 s for 5 minutes"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 300
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    QueueName = each.value
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "sqs_backlog" {
  for_each = local.queues_for_alarms

  alarm_name          = "${each.value}-backlog"
  alarm_description   = "SQS ${each.value}: more than 1000 visible messages for 5 minutes"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1000
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    QueueName = each.value
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "sqs_dlq_depth" {
  for_each = local.dlqs_for_alarms

  alarm_name          = "${each.value}-depth"
  alarm_description   = "SQS DLQ ${each.value}: more than 10 messages"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 10
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    QueueName = each.value
  }

  tags = local.tags
}

# Lambda: errors > 5% of invocations and duration > 10 s for 5 minutes; any throttle.

resource "aws_cloudwatch_metric_alarm" "lambda_error_rate" {
  alarm_name          = "${aws_lambda_function.rate_limiter.function_name}-error-rate"
  alarm_description   = "Lambda ${aws_lambda_function.rate_limiter.function_name}: errors above 5% of invocations for 5 minutes"
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "error_rate"
    expression  = "IF(invocations > 0, 100 * errors / invocations, 0)"
    label       = "Error rate (%)"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      period      = 300
      stat        = "Sum"
      dimensions  = { FunctionName = aws_lambda_function.rate_limiter.function_name }
    }
  }

  metric_query {
    id = "invocations"

    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      period      = 300
      stat        = "Sum"
      dimensions  = { FunctionName = aws_lambda_function.rate_limiter.function_name }
    }
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_duration" {
  alarm_name          = "${aws_lambda_function.rate_limiter.function_name}-duration"
  alarm_description   = "Lambda ${aws_lambda_function.rate_limiter.function_name}: invocations longer than 10 s over 5 minutes"
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 10000
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    FunctionName = aws_lambda_function.rate_limiter.function_name
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  alarm_name          = "${aws_lambda_function.rate_limiter.function_name}-throttles"
  alarm_description   = "Lambda ${aws_lambda_function.rate_limiter.function_name}: throttled invocations"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dimensions = {
    FunctionName = aws_lambda_function.rate_limiter.function_name
  }

  tags = local.tags
}
