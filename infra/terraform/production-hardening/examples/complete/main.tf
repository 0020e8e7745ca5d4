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

  ecs_services = [
    { cluster_name = "huntaze-web-production", service_name = "web" },
    { cluster_name = "huntaze-workers-production", service_name = "workers" },
    { cluster_name = "huntaze-ai-production", service_name = "ai" },
  ]

  log_retention_days      = 30
  managed_log_group_names = ["/ecs/huntaze-web", "/ecs/huntaze-workers", "/ecs/huntaze-ai"]

  redis_client_security_group_ids = var.ecs_security_group_ids
  redis_restore_snapshot_name     = var.redis_restore_snapshot_name

  rds_instance_identifier = "huntaze-postgres"
  rds_max_connections     = 200

  rate_limiter_artifact_path   = var.rate_limiter_artifact_path
  rate_limiter_max_concurrency = 2
  messaging_api_secret_arn     = var.messaging_api_secret_arn

  ecs_secret_arns      = var.ecs_secret_arns
  ecr_repository_arns  = var.ecr_repository_arns
  ecs_task_bucket_arns = var.ecs_task_bucket_arns

  portal_trusted_principal_arns = var.portal_trusted_principal_arns

  tags = {
    CostCenter = "platform"
  }
}
