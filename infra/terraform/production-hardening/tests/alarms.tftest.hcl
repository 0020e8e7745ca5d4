# Seed, Monitoring & Alerts: the ECS, RDS, SQS and Lambda alarms at the seed's thresholds,
# each notifying the ops topic; Container Insights on every cluster (the running-task
# alarm reads its metrics).

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "seed_alarms_notify_the_ops_topic" {
  command = plan

  variables {
    rds_instance_identifier = "huntaze-postgres"
    rds_max_connections     = 200
  }

  assert {
    condition = alltrue([
      for a in values(aws_cloudwatch_metric_alarm.ecs_cpu) :
      a.namespace == "AWS/ECS" && a.metric_name == "CPUUtilization" && a.comparison_operator == "GreaterThanThreshold" && a.threshold == 70
    ]) && length(aws_cloudwatch_metric_alarm.ecs_cpu) == 3
    error_message = "Each ECS service needs an alarm on CPU > 70%."
  }

  assert {
    condition = alltrue([
      for a in values(aws_cloudwatch_metric_alarm.ecs_memory) :
      a.namespace == "AWS/ECS" && a.metric_name == "MemoryUtilization" && a.comparison_operator == "GreaterThanThreshold" && a.threshold == 80
    ]) && length(aws_cloudwatch_metric_alarm.ecs_memory) == 3
    error_message = "Each ECS service needs an alarm on memory > 80%."
  }

  assert {
    condition = alltrue([
      for a in values(aws_cloudwatch_metric_alarm.ecs_running_tasks) :
      a.namespace == "ECS/ContainerInsights" && a.metric_name == "RunningTaskCount" && a.comparison_operator == "LessThanThreshold" && a.threshold == 1 && a.treat_missing_data == "breaching"
    ]) && length(aws_cloudwatch_metric_alarm.ecs_running_tasks) == 3
    error_message = "Each ECS service needs an alarm on running tasks < 1 that fires when the metric is missing."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.rds_cpu[0].metric_name == "CPUUtilization" && aws_cloudwatch_metric_alarm.rds_cpu[0].threshold == 80
      && aws_cloudwatch_metric_alarm.rds_freeable_memory[0].metric_name == "FreeableMemory" && aws_cloudwatch_metric_alarm.rds_freeable_memory[0].comparison_operator == "LessThanThreshold" && aws_cloudwatch_metric_alarm.rds_freeable_memory[0].threshold == 1073741824
      && aws_cloudwatch_metric_alarm.rds_connections[0].metric_name == "DatabaseConnections" && aws_cloudwatch_metric_alarm.rds_connections[0].threshold == 160
    )
    error_message = "The RDS instance needs alarms on CPU > 80%, freeable memory < 1 GiB and connections > 80% of rds_max_connections."
  }

  assert {
    condition = alltrue(concat(
      [for a in values(aws_cloudwatch_metric_alarm.sqs_oldest_message_age) : a.metric_name == "ApproximateAgeOfOldestMessage" && a.threshold == 300],
      [for a in values(aws_cloudwatch_metric_alarm.sqs_backlog) : a.metric_name == "ApproximateNumberOfMessagesVisible" && a.threshold == 1000],
      [for a in values(aws_cloudwatch_metric_alarm.sqs_dlq_depth) : a.metric_name == "ApproximateNumberOfMessagesVisible" && a.threshold == 10],
    )) && length(aws_cloudwatch_metric_alarm.sqs_dlq_depth) == 2 && length(aws_cloudwatch_metric_alarm.sqs_backlog) == 2
    error_message = "Each queue needs alarms on oldest message > 300 s and more than 1000 visible; each DLQ on more than 10."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.lambda_duration.metric_name == "Duration" && aws_cloudwatch_metric_alarm.lambda_duration.threshold == 10000
      && aws_cloudwatch_metric_alarm.lambda_throttles.metric_name == "Throttles" && aws_cloudwatch_metric_alarm.lambda_throttles.threshold == 0
      && aws_cloudwatch_metric_alarm.lambda_error_rate.threshold == 5
      && anytrue([for q in aws_cloudwatch_metric_alarm.lambda_error_rate.metric_query : q.return_data == true && try(strcontains(q.expression, "errors / invocations"), false)])
    )
    error_message = "The rate-limiter Lambda needs alarms on duration > 10 s, throttles > 0 and an error rate > 5%."
  }

  assert {
    condition = alltrue([
      for a in concat(
        values(aws_cloudwatch_metric_alarm.ecs_cpu), values(aws_cloudwatch_metric_alarm.ecs_memory), values(aws_cloudwatch_metric_alarm.ecs_running_tasks),
        aws_cloudwatch_metric_alarm.rds_cpu, aws_cloudwatch_metric_alarm.rds_freeable_memory, aws_cloudwatch_metric_alarm.rds_connections,
        values(aws_cloudwatch_metric_alarm.sqs_oldest_message_age), values(aws_cloudwatch_metric_alarm.sqs_backlog), values(aws_cloudwatch_metric_alarm.sqs_dlq_depth),
        [aws_cloudwatch_metric_alarm.lambda_error_rate, aws_cloudwatch_metric_alarm.lambda_duration, aws_cloudwatch_metric_alarm.lambda_throttles],
      ) : a.alarm_actions == toset([aws_sns_topic.ops_alerts.arn]) && a.ok_actions == toset([aws_sns_topic.ops_alerts.arn])
    ])
    error_message = "Every alarm must notify the ops topic (alarm_actions and ok_actions)."
  }

  assert {
    condition = alltrue([
      for c in values(aws_ecs_cluster.this) :
      anytrue([for s in c.setting : s.name == "containerInsights" && contains(["enabled", "enhanced"], s.value)])
    ]) && length(aws_ecs_cluster.this) == 3
    error_message = "Every ECS cluster must have Container Insights (the running-task alarms read its metrics)."
  }
}

run "no_rds_alarms_without_an_instance" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.rds_cpu) == 0 && length(aws_cloudwatch_metric_alarm.rds_connections) == 0
    error_message = "Without rds_instance_identifier there is no instance to alarm on."
  }
}
