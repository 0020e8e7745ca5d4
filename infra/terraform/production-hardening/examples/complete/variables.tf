variable "aws_account_id" {
  description = "Account to apply to (the seed: 317805897534)"
  type        = string
  default     = "317805897534"
}

variable "aws_region" {
  description = "Region of the workload"
  type        = string
  default     = "us-east-1"
}

variable "vpc_id" {
  description = "VPC of the workload"
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets in at least two availability zones"
  type        = list(string)
}

variable "route_table_ids" {
  description = "Route tables of the private subnets"
  type        = list(string)
}

variable "ecs_security_group_ids" {
  description = "Security groups of the ECS services that use Redis"
  type        = list(string)
  default     = []
}

variable "redis_restore_snapshot_name" {
  description = "Snapshot of the old Redis cluster to restore (migration apply only)"
  type        = string
  default     = null
}

variable "rate_limiter_artifact_path" {
  description = "Zip built from lambdas/rate-limiter"
  type        = string
}

variable "rate_limiter_live_version" {
  description = "Rate-limiter version pinned behind the live alias after a rollback; null follows the latest"
  type        = string
  default     = null
}

variable "database_rotation_lambda_arn" {
  description = "Rotation function of the PostgreSQL password secret (e.g. the SecretsManagerRDSPostgreSQLRotationSingleUser application); null for none"
  type        = string
  default     = null
}

variable "ecs_secret_arns" {
  description = "Secrets the ECS task execution role may read"
  type        = list(string)
  default     = []
}

variable "ecr_repository_arns" {
  description = "ECR repositories of the services"
  type        = list(string)
  default     = []
}

variable "ecs_task_bucket_arns" {
  description = "Buckets the ECS tasks use"
  type        = list(string)
  default     = []
}

variable "portal_trusted_principal_arns" {
  description = "Principals allowed to assume the portal roles"
  type        = list(string)
  default     = []
}
