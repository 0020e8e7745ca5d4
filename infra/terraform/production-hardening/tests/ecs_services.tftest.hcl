# Seed, Day 9: the imported ECS services deploy with a circuit breaker that rolls back, on
# the rolling-update controller, and scale on CPU and memory between validated task
# counts, targeting below the alarm thresholds so a service scales out before its alarm
# fires. (That desired_count is left to auto scaling is a lifecycle setting, which
# Terraform does not expose to tests: test/security.test.ts checks it.)

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "services_roll_back_failed_deployments" {
  command = plan

  assert {
    condition     = alltrue([for s in values(aws_ecs_service.this) : length(s.deployment_circuit_breaker) == 1])
    error_message = "aws_ecs_service.this has no deployment_circuit_breaker."
  }

  assert {
    condition     = alltrue([for s in values(aws_ecs_service.this) : s.deployment_circuit_breaker[0].enable == true])
    error_message = "aws_ecs_service.this deployment circuit breaker is not enabled."
  }

  assert {
    condition     = alltrue([for s in values(aws_ecs_service.this) : s.deployment_circuit_breaker[0].rollback == true])
    error_message = "aws_ecs_service.this deployment circuit breaker does not roll back."
  }

  assert {
    condition     = alltrue([for s in values(aws_ecs_service.this) : s.deployment_controller[0].type == "ECS"])
    error_message = "The circuit breaker needs the ECS rolling-update deployment controller."
  }

  assert {
    condition     = length(aws_ecs_service.this) == length(var.ecs_services)
    error_message = "Each entry of ecs_services must be one aws_ecs_service."
  }
}

run "services_scale_on_cpu_and_memory_below_their_alarms" {
  command = plan

  variables {
    ecs_services = [
      { cluster_name = "huntaze-web-production", service_name = "web", min_task_count = 2, max_task_count = 6 },
    ]
  }

  assert {
    condition = (
      aws_appautoscaling_target.ecs["huntaze-web-production/web"].min_capacity == 2
      && aws_appautoscaling_target.ecs["huntaze-web-production/web"].max_capacity == 6
      && aws_appautoscaling_target.ecs["huntaze-web-production/web"].scalable_dimension == "ecs:service:DesiredCount"
      && aws_appautoscaling_target.ecs["huntaze-web-production/web"].resource_id == "service/huntaze-web-production/web"
    )
    error_message = "Each service's scalable target must be its DesiredCount between min_task_count and max_task_count."
  }

  assert {
    condition = alltrue([
      for p in values(aws_appautoscaling_policy.ecs_cpu) :
      p.policy_type == "TargetTrackingScaling" && p.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ECSServiceAverageCPUUtilization"
    ]) && length(aws_appautoscaling_policy.ecs_cpu) == 1
    error_message = "Each service needs a target-tracking policy on ECSServiceAverageCPUUtilization."
  }

  assert {
    condition = alltrue([
      for p in values(aws_appautoscaling_policy.ecs_memory) :
      p.policy_type == "TargetTrackingScaling" && p.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ECSServiceAverageMemoryUtilization"
    ]) && length(aws_appautoscaling_policy.ecs_memory) == 1
    error_message = "Each service needs a target-tracking policy on ECSServiceAverageMemoryUtilization."
  }

  assert {
    condition = alltrue([
      for key, p in aws_appautoscaling_policy.ecs_cpu :
      p.target_tracking_scaling_policy_configuration[0].target_value < aws_cloudwatch_metric_alarm.ecs_cpu[key].threshold
    ])
    error_message = "The CPU scaling target must be below the CPU alarm threshold, or the alarm fires before the service scales out."
  }

  assert {
    condition = alltrue([
      for key, p in aws_appautoscaling_policy.ecs_memory :
      p.target_tracking_scaling_policy_configuration[0].target_value < aws_cloudwatch_metric_alarm.ecs_memory[key].threshold
    ])
    error_message = "The memory scaling target must be below the memory alarm threshold, or the alarm fires before the service scales out."
  }
}

run "rejects_a_service_that_may_scale_to_zero" {
  command = plan

  variables {
    ecs_services = [
      { cluster_name = "huntaze-web-production", service_name = "web", min_task_count = 0, max_task_count = 2 },
    ]
  }

  expect_failures = [var.ecs_services]
}

run "rejects_a_maximum_below_the_minimum" {
  command = plan

  variables {
    ecs_services = [
      { cluster_name = "huntaze-web-production", service_name = "web", min_task_count = 3, max_task_count = 2 },
    ]
  }

  expect_failures = [var.ecs_services]
}
