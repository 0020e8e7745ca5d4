################################################################################
# ECS services (seed: Day 9): deployment circuit breaker with rollback, and Service
# Auto Scaling on CPU and memory. The services already run and are imported (README:
# Importing existing resources); the module owns only their deployment safety and
# scaling. Task definition, network, load balancers and the rest stay with the
# services' own deployment pipeline, hence the long ignore_changes list: adopting a
# running service must change nothing but the settings below.
################################################################################

locals {
  ecs_services = { for s in var.ecs_services : "${s.cluster_name}/${s.service_name}" => s }
}

resource "aws_ecs_service" "this" {
  for_each = local.ecs_services

  name    = each.value.service_name
  cluster = aws_ecs_cluster.this[each.value.cluster_name].arn

  # The circuit breaker only works with the rolling-update (ECS) controller. A service
  # on CodeDeploy would be replaced: the plan must show no replace (README).
  deployment_controller {
    type = "ECS"
  }

  # A deployment whose tasks keep failing to start stops and rolls back to the last
  # deployment that reached a steady state, instead of cycling failed tasks forever.
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Start the new tasks before stopping old ones: capacity never drops during a deploy.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  tags = local.tags

  lifecycle {
    precondition {
      condition     = contains(var.ecs_cluster_names, each.value.cluster_name)
      error_message = "ecs_services: cluster ${each.value.cluster_name} is not in ecs_cluster_names."
    }

    # desired_count belongs to auto scaling; the rest to the services' deployment.
    ignore_changes = [
      desired_count,
      task_definition,
      launch_type,
      platform_version,
      capacity_provider_strategy,
      network_configuration,
      load_balancer,
      health_check_grace_period_seconds,
      service_registries,
      service_connect_configuration,
      enable_execute_command,
      enable_ecs_managed_tags,
      propagate_tags,
      placement_constraints,
      ordered_placement_strategy,
      availability_zone_rebalancing,
      volume_configuration,
      vpc_lattice_configurations,
      alarms,
    ]
  }
}

resource "aws_appautoscaling_target" "ecs" {
  for_each = local.ecs_services

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${each.value.cluster_name}/${aws_ecs_service.this[each.key].name}"
  min_capacity       = each.value.min_task_count
  max_capacity       = each.value.max_task_count

  tags = local.tags
}

# Target tracking below the alarm thresholds: the service scales out before the CPU and
# memory alarms (70% / 80%) page anyone.

resource "aws_appautoscaling_policy" "ecs_cpu" {
  for_each = aws_appautoscaling_target.ecs

  name               = "${replace(each.key, "/", "-")}-cpu-target"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = each.value.service_namespace
  scalable_dimension = each.value.scalable_dimension
  resource_id        = each.value.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.ecs_autoscaling_cpu_target_percent
    scale_out_cooldown = var.ecs_scale_out_cooldown_seconds
    scale_in_cooldown  = var.ecs_scale_in_cooldown_seconds

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }

  lifecycle {
    precondition {
      condition     = var.ecs_autoscaling_cpu_target_percent < var.ecs_cpu_alarm_threshold_percent
      error_message = "ecs_autoscaling_cpu_target_percent must be below ecs_cpu_alarm_threshold_percent, or the alarm fires before scaling out."
    }
  }
}

resource "aws_appautoscaling_policy" "ecs_memory" {
  for_each = aws_appautoscaling_target.ecs

  name               = "${replace(each.key, "/", "-")}-memory-target"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = each.value.service_namespace
  scalable_dimension = each.value.scalable_dimension
  resource_id        = each.value.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.ecs_autoscaling_memory_target_percent
    scale_out_cooldown = var.ecs_scale_out_cooldown_seconds
    scale_in_cooldown  = var.ecs_scale_in_cooldown_seconds

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageMemoryUtilization"
    }
  }

  lifecycle {
    precondition {
      condition     = var.ecs_autoscaling_memory_target_percent < var.ecs_memory_alarm_threshold_percent
      error_message = "ecs_autoscaling_memory_target_percent must be below ecs_memory_alarm_threshold_percent, or the alarm fires before scaling out."
    }
  }
}
