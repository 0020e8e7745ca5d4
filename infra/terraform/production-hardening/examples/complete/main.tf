provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Owner = "platform"
    }
  }
}

module "production_hardening" {
  source = "../../"

  aws_account_id = var.aws_account_id
  aws_region     = var.aws_region

  vpc_id             = var.vpc_id
  private_subnet_ids = var.private_subnet_ids
  route_table_ids    = var.route_table_ids

  alert_subscriptions = {
    cost     = { emails = ["finops@example.com"] }
    security = { emails = ["security@example.com"], https_endpoints = ["https://alerts.example.com/sns/security"] }
    ops      = { emails = ["oncall@example.com"] }
  }

  # Imported first (README). Two web tasks at least: one per availability zone.
  ecs_services = [
    { cluster_name = "huntaze-web-production", service_name = "web", min_task_count = 2, max_task_count = 6 },
    { cluster_name = "huntaze-workers-production", service_name = "workers", min_task_count = 1, max_task_count = 4 },
    { cluster_name = "huntaze-ai-production", service_name = "ai", min_task_count = 1, max_task_count = 3 },
  ]
  ecs_autoscaling_cpu_target_percent    = 60
  ecs_autoscaling_memory_target_percent = 70

  log_retention_days      = 30
  managed_log_group_names = ["/ecs/huntaze-web", "/ecs/huntaze-workers", "/ecs/huntaze-ai"]

  redis_client_security_group_ids = var.ecs_security_group_ids
  redis_restore_snapshot_name     = var.redis_restore_snapshot_name

  rds_instance_identifier = "huntaze-postgres"
  rds_max_connections     = 200

  rate_limiter_artifact_path   = var.rate_limiter_artifact_path
  rate_limiter_max_concurrency = 2
  # After `aws lambda update-alias` to roll back, pin the version here before applying.
  rate_limiter_live_version = var.rate_limiter_live_version

  # Secret values are set out of band (README: Secrets); rotation where a function exists.
  secret_rotation_lambda_arns = { database = var.database_rotation_lambda_arn }
  secret_rotation_days        = 30

  cost_anomaly_threshold_usd         = 25
  intelligent_tiering_bucket_names   = ["huntaze-assets-production", "huntaze-uploads-production"]
  noncurrent_version_expiration_days = 90

  ecs_secret_arns      = var.ecs_secret_arns
  ecr_repository_arns  = var.ecr_repository_arns
  ecs_task_bucket_arns = var.ecs_task_bucket_arns

  portal_trusted_principal_arns = var.portal_trusted_principal_arns

  tags = {
    CostCenter = "platform"
  }
}
