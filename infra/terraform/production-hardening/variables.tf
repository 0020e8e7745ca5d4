################################################################################
# Account and naming
################################################################################

variable "aws_account_id" {
  description = "Id of the AWS account the module manages (guards against applying to the wrong account)"
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "aws_region" {
  description = "Region of the workload (the seed: us-east-1)"
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name; the portal's app-config.yaml uses the same names"
  type        = string
  default     = "huntaze"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment suffix of table and parameter group names"
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.environment))
    error_message = "environment must be lowercase letters, digits or dashes."
  }
}

variable "tags" {
  description = "Tags added to the module's common tags on every resource that supports tags"
  type        = map(string)
  default     = {}
}

################################################################################
# Network
################################################################################

variable "vpc_id" {
  description = "VPC of the ECS services, Redis and the rate-limiter Lambda"
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the Redis subnet group and the rate-limiter Lambda (at least two availability zones)"
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "Give at least two private subnets: Redis automatic failover needs two availability zones."
  }
}

variable "route_table_ids" {
  description = "Route tables of the private subnets that get the S3 and DynamoDB gateway endpoints"
  type        = list(string)

  validation {
    condition     = length(var.route_table_ids) >= 1
    error_message = "Give at least one route table for the gateway endpoints."
  }
}

variable "redis_client_security_group_ids" {
  description = "Security groups (e.g. of the ECS services) allowed to connect to Redis besides the rate-limiter Lambda"
  type        = list(string)
  default     = []
}

################################################################################
# Alerts
################################################################################

variable "alert_subscriptions" {
  description = "Subscribers per alert topic: e-mail addresses and HTTPS endpoints (e.g. a Slack webhook relay; the endpoint must confirm the subscription)"
  type = object({
    cost = optional(object({
      emails          = optional(list(string), [])
      https_endpoints = optional(list(string), [])
    }), {})
    security = optional(object({
      emails          = optional(list(string), [])
      https_endpoints = optional(list(string), [])
    }), {})
    ops = optional(object({
      emails          = optional(list(string), [])
      https_endpoints = optional(list(string), [])
    }), {})
  })
  default = {}

  validation {
    condition = alltrue(flatten([
      for topic in [var.alert_subscriptions.cost, var.alert_subscriptions.security, var.alert_subscriptions.ops] :
      [for url in topic.https_endpoints : startswith(url, "https://")]
    ]))
    error_message = "https_endpoints must start with https:// (alerts never travel in clear text)."
  }
}

################################################################################
# FinOps
################################################################################

variable "monthly_budget_usd" {
  description = "Monthly cost budget in US dollars (the seed: 500)"
  type        = number
  default     = 500

  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "monthly_budget_usd must be positive."
  }
}

variable "budget_forecasted_threshold_percent" {
  description = "Alert when the forecasted month-end cost exceeds this percentage of the budget"
  type        = number
  default     = 80

  validation {
    condition     = var.budget_forecasted_threshold_percent > 0 && var.budget_forecasted_threshold_percent <= 100
    error_message = "budget_forecasted_threshold_percent must be in (0, 100]."
  }
}

variable "cost_anomaly_threshold_usd" {
  description = "Cost Anomaly Detection alerts the cost topic when an anomaly's total impact reaches this many US dollars"
  type        = number
  default     = 25

  validation {
    condition     = var.cost_anomaly_threshold_usd > 0
    error_message = "cost_anomaly_threshold_usd must be positive."
  }
}

variable "intelligent_tiering_bucket_names" {
  description = "Existing S3 buckets whose objects move to S3 Intelligent-Tiering and whose noncurrent versions expire. The module's lifecycle configuration replaces the bucket's own rules: carry them over first (see README)"
  type        = list(string)
  default     = ["huntaze-assets-production", "huntaze-uploads-production"]

  validation {
    condition     = alltrue([for b in var.intelligent_tiering_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b))])
    error_message = "intelligent_tiering_bucket_names must be S3 bucket names (3-63 lowercase letters, digits, dots or dashes)."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days a replaced or deleted object version is kept in a versioned bucket before it expires (the CloudTrail bucket and the Intelligent-Tiering buckets)"
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be between 1 and 3650."
  }
}

variable "budget_actual_threshold_percent" {
  description = "Alert when the actual cost exceeds this percentage of the budget"
  type        = number
  default     = 100

  validation {
    condition     = var.budget_actual_threshold_percent > 0 && var.budget_actual_threshold_percent <= 200
    error_message = "budget_actual_threshold_percent must be in (0, 200]."
  }
}

################################################################################
# Observability
################################################################################

variable "log_retention_days" {
  description = "Retention of the module's CloudWatch log groups and of managed_log_group_names, in days (30, 60 or 90)"
  type        = number
  default     = 30

  validation {
    condition     = contains([30, 60, 90], var.log_retention_days)
    error_message = "log_retention_days must be 30, 60 or 90 (the CloudWatch values between 30 and 90 days)."
  }
}

variable "managed_log_group_names" {
  description = "Existing log groups whose retention the module sets; import them first (see README)"
  type        = list(string)
  default     = []
}

variable "ecs_cluster_names" {
  description = "The three existing ECS clusters that get Container Insights; import them first (see README)"
  type        = list(string)
  default     = ["huntaze-web-production", "huntaze-workers-production", "huntaze-ai-production"]

  validation {
    condition     = length(var.ecs_cluster_names) > 0
    error_message = "Give at least one ECS cluster."
  }
}

variable "container_insights" {
  description = "Container Insights level on the ECS clusters: enabled or enhanced"
  type        = string
  default     = "enabled"

  validation {
    condition     = contains(["enabled", "enhanced"], var.container_insights)
    error_message = "container_insights must be enabled or enhanced."
  }
}

variable "ecs_services" {
  description = "Existing ECS services that get the deployment circuit breaker, auto scaling between min_task_count and max_task_count tasks, and the CPU, memory and running-task alarms; import them first (see README)"
  type = list(object({
    cluster_name   = string
    service_name   = string
    min_task_count = optional(number, 1)
    max_task_count = optional(number, 4)
  }))
  default = [
    { cluster_name = "huntaze-web-production", service_name = "web" },
    { cluster_name = "huntaze-workers-production", service_name = "workers" },
    { cluster_name = "huntaze-ai-production", service_name = "ai" },
  ]

  validation {
    condition = alltrue([
      for s in var.ecs_services :
      s.min_task_count >= 1 && s.max_task_count >= s.min_task_count && s.max_task_count <= 100 && floor(s.min_task_count) == s.min_task_count && floor(s.max_task_count) == s.max_task_count
    ])
    error_message = "ecs_services: min_task_count must be a whole number >= 1 (the running-task alarm fires below 1) and max_task_count a whole number between min_task_count and 100."
  }

  validation {
    condition     = length(distinct([for s in var.ecs_services : "${s.cluster_name}/${s.service_name}"])) == length(var.ecs_services)
    error_message = "ecs_services: each cluster_name/service_name pair may appear once."
  }
}

variable "ecs_autoscaling_cpu_target_percent" {
  description = "Average CPU the ECS services' target tracking keeps, in percent; below ecs_cpu_alarm_threshold_percent so scaling out comes before the alarm"
  type        = number
  default     = 60

  validation {
    condition     = var.ecs_autoscaling_cpu_target_percent >= 10 && var.ecs_autoscaling_cpu_target_percent <= 90
    error_message = "ecs_autoscaling_cpu_target_percent must be between 10 and 90."
  }
}

variable "ecs_autoscaling_memory_target_percent" {
  description = "Average memory the ECS services' target tracking keeps, in percent; below ecs_memory_alarm_threshold_percent so scaling out comes before the alarm"
  type        = number
  default     = 70

  validation {
    condition     = var.ecs_autoscaling_memory_target_percent >= 10 && var.ecs_autoscaling_memory_target_percent <= 90
    error_message = "ecs_autoscaling_memory_target_percent must be between 10 and 90."
  }
}

variable "ecs_scale_out_cooldown_seconds" {
  description = "Seconds after a scale-out before target tracking scales out again"
  type        = number
  default     = 60

  validation {
    condition     = var.ecs_scale_out_cooldown_seconds >= 0 && var.ecs_scale_out_cooldown_seconds <= 3600
    error_message = "ecs_scale_out_cooldown_seconds must be between 0 and 3600."
  }
}

variable "ecs_scale_in_cooldown_seconds" {
  description = "Seconds after a scaling activity before target tracking removes tasks; longer than scale-out so a short dip does not drop capacity"
  type        = number
  default     = 300

  validation {
    condition     = var.ecs_scale_in_cooldown_seconds >= 0 && var.ecs_scale_in_cooldown_seconds <= 3600
    error_message = "ecs_scale_in_cooldown_seconds must be between 0 and 3600."
  }
}

variable "ecs_cpu_alarm_threshold_percent" {
  description = "ECS service CPU alarm threshold, percent over 5 minutes"
  type        = number
  default     = 70
}

variable "ecs_memory_alarm_threshold_percent" {
  description = "ECS service memory alarm threshold, percent over 5 minutes"
  type        = number
  default     = 80
}

################################################################################
# Security
################################################################################

variable "enable_guardduty" {
  description = "Create the GuardDuty detector (false when the account's detector is managed elsewhere, e.g. by a delegated administrator)"
  type        = bool
  default     = true
}

variable "enable_security_hub" {
  description = "Enable Security Hub with the AWS Foundational Security Best Practices standard"
  type        = bool
  default     = true
}

variable "security_finding_min_severity" {
  description = "Lowest GuardDuty severity (0-10) routed to the security topic; 7 is HIGH"
  type        = number
  default     = 7

  validation {
    condition     = var.security_finding_min_severity >= 0 && var.security_finding_min_severity <= 10
    error_message = "security_finding_min_severity must be between 0 and 10."
  }
}

variable "cloudtrail_bucket_force_destroy" {
  description = "Allow destroying the CloudTrail bucket while it still holds logs (keep false in production)"
  type        = bool
  default     = false
}

################################################################################
# ElastiCache Redis
################################################################################

variable "redis_node_type" {
  description = "Node type of the encrypted Redis replication group"
  type        = string
  default     = "cache.t4g.small"
}

variable "redis_engine_version" {
  description = "Redis engine version (7.0 or later: the portal's read-only user needs Redis 7 ACL key permissions and EVALSHA_RO)"
  type        = string
  default     = "7.1"

  validation {
    condition     = can(regex("^([7-9]|[1-9][0-9])\\.", var.redis_engine_version))
    error_message = "redis_engine_version must be 7.0 or later: the portal's read-only Redis user needs %R~ key permissions and EVALSHA_RO."
  }
}

variable "redis_num_cache_clusters" {
  description = "Nodes in the replication group (primary + replicas); automatic failover needs at least 2"
  type        = number
  default     = 2

  validation {
    condition     = var.redis_num_cache_clusters >= 2 && var.redis_num_cache_clusters <= 6
    error_message = "redis_num_cache_clusters must be between 2 and 6 (automatic failover needs a replica)."
  }
}

variable "redis_snapshot_retention_days" {
  description = "Days ElastiCache keeps automatic snapshots"
  type        = number
  default     = 7

  validation {
    condition     = var.redis_snapshot_retention_days >= 1 && var.redis_snapshot_retention_days <= 35
    error_message = "redis_snapshot_retention_days must be between 1 and 35."
  }
}

variable "redis_snapshot_window" {
  description = "Daily UTC window of the automatic snapshot (hh24:mi-hh24:mi)"
  type        = string
  default     = "03:00-04:00"
}

variable "redis_maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh24:mi-ddd:hh24:mi)"
  type        = string
  default     = "sun:05:00-sun:06:00"
}

variable "redis_restore_snapshot_name" {
  description = "Snapshot of the old unencrypted cluster to restore into the new group (migration runbook); null creates an empty group"
  type        = string
  default     = null
}

################################################################################
# RDS PostgreSQL
################################################################################

variable "rds_parameter_group_family" {
  description = "Parameter group family of the PostgreSQL instance, e.g. postgres16"
  type        = string
  default     = "postgres16"

  validation {
    condition     = can(regex("^postgres[0-9]+$", var.rds_parameter_group_family))
    error_message = "rds_parameter_group_family must look like postgres16."
  }
}

variable "rds_slow_query_ms" {
  description = "log_min_duration_statement: statements slower than this are logged, in milliseconds"
  type        = number
  default     = 1000
}

variable "rds_instance_identifier" {
  description = "Identifier of the existing PostgreSQL instance (alarms; and the managed instance when rds_instance is set)"
  type        = string
  default     = null
}

variable "rds_instance" {
  description = "Settings of the existing instance when the module manages it (Performance Insights, parameter group); import it first (see README). null leaves the instance alone"
  type = object({
    instance_class         = string
    engine_version         = string
    allocated_storage_gb   = number
    storage_encrypted      = bool
    db_subnet_group_name   = optional(string)
    vpc_security_group_ids = optional(list(string), [])
    multi_az               = optional(bool, false)
    backup_retention_days  = optional(number, 7)
    pi_retention_days      = optional(number, 7)
  })
  default = null
}

variable "rds_max_connections" {
  description = "max_connections of the instance; the connections alarm fires at 80% of it"
  type        = number
  default     = 100
}

variable "rds_freeable_memory_alarm_bytes" {
  description = "FreeableMemory alarm threshold in bytes (the seed: 1 GiB)"
  type        = number
  default     = 1073741824
}

################################################################################
# Rate-limiter Lambda
################################################################################

variable "rate_limiter_artifact_path" {
  description = "Path of the rate-limiter deployment zip (built from lambdas/rate-limiter)"
  type        = string
}

variable "rate_limiter_handler" {
  description = "Handler of the rate-limiter function inside the zip"
  type        = string
  default     = "index.handler"
}

variable "rate_limiter_runtime" {
  description = "Lambda runtime of the rate limiter"
  type        = string
  default     = "nodejs20.x"
}

variable "rate_limiter_timeout_seconds" {
  description = "Rate-limiter function timeout; the queue's visibility timeout is 6 times this"
  type        = number
  default     = 30

  validation {
    condition     = var.rate_limiter_timeout_seconds >= 1 && var.rate_limiter_timeout_seconds <= 900
    error_message = "rate_limiter_timeout_seconds must be between 1 and 900."
  }
}

variable "rate_limiter_memory_mb" {
  description = "Memory of the rate-limiter function in MB"
  type        = number
  default     = 256
}

variable "rate_limiter_max_concurrency" {
  description = "Maximum concurrent invocations the SQS event source mapping starts (2 is the SQS minimum); the per-creator limit is enforced in Redis, not by concurrency"
  type        = number
  default     = 2

  validation {
    condition     = var.rate_limiter_max_concurrency >= 2 && var.rate_limiter_max_concurrency <= 1000
    error_message = "rate_limiter_max_concurrency must be between 2 and 1000 (the SQS event source mapping limits)."
  }
}

variable "rate_limiter_reserved_concurrency" {
  description = "Reserved concurrency of the function; null leaves it unreserved. If set it must be at least rate_limiter_max_concurrency, otherwise SQS batches are throttled and end in the DLQ"
  type        = number
  default     = null
}

variable "rate_limiter_batch_size" {
  description = "Messages per invocation"
  type        = number
  default     = 10

  validation {
    condition     = var.rate_limiter_batch_size >= 1 && var.rate_limiter_batch_size <= 10
    error_message = "rate_limiter_batch_size must be between 1 and 10 (no batching window is configured)."
  }
}

variable "rate_limiter_limits" {
  description = "Per-creator sending limits the Lambda enforces"
  type = object({
    capacity           = optional(number, 3)
    refill_interval_ms = optional(number, 6000)
    window_limit       = optional(number, 10)
    window_ms          = optional(number, 60000)
  })
  default = {}

  validation {
    condition = alltrue([
      for v in values(var.rate_limiter_limits) : v > 0 && floor(v) == v
    ])
    error_message = "Every rate limit must be a positive integer."
  }
}

variable "messaging_api_base_url" {
  description = "Base URL of the messaging (OnlyFans) API the Lambda delivers to"
  type        = string
  default     = "https://onlyfans.com/api2/v2"

  validation {
    condition     = startswith(var.messaging_api_base_url, "https://")
    error_message = "messaging_api_base_url must use https://."
  }
}

variable "rate_limiter_live_version" {
  description = "Published version the live alias (and so the queue) runs; null follows the latest published version. Pin it after rolling back with aws lambda update-alias, or the next apply moves the alias forward again"
  type        = string
  default     = null

  validation {
    condition     = var.rate_limiter_live_version == null || can(regex("^[1-9][0-9]*$", var.rate_limiter_live_version))
    error_message = "rate_limiter_live_version must be a published version number such as \"7\" (not $LATEST), or null."
  }
}

################################################################################
# Secrets
################################################################################

variable "secret_rotation_lambda_arns" {
  description = "Rotation function per out-of-band secret (messaging_api, database); a secret without one is not rotated automatically. The function must let secretsmanager.amazonaws.com invoke it and may use the module's KMS key"
  type = object({
    messaging_api = optional(string)
    database      = optional(string)
  })
  default = {}

  validation {
    condition = alltrue([
      for arn in values(var.secret_rotation_lambda_arns) : arn == null || can(regex("^arn:[a-z-]+:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", arn))
    ])
    error_message = "secret_rotation_lambda_arns values must be Lambda function ARNs."
  }
}

variable "secret_rotation_days" {
  description = "Days between automatic rotations of a secret that has a rotation function"
  type        = number
  default     = 30

  validation {
    condition     = var.secret_rotation_days >= 1 && var.secret_rotation_days <= 1000
    error_message = "secret_rotation_days must be between 1 and 1000 (the Secrets Manager limits)."
  }
}

################################################################################
# IAM
################################################################################

variable "ecs_secret_arns" {
  description = "Secrets Manager secrets the ECS task execution role may read (injected as container secrets)"
  type        = list(string)
  default     = []
}

variable "ecr_repository_arns" {
  description = "ECR repositories the ECS task execution role may pull from"
  type        = list(string)
  default     = []
}

variable "ecs_task_bucket_arns" {
  description = "S3 buckets the ECS task role may read and write objects in"
  type        = list(string)
  default     = []
}

variable "portal_trusted_principal_arns" {
  description = "Principals (e.g. the portal's ECS task role) allowed to assume the portal read and remediation roles"
  type        = list(string)
  default     = []
}

variable "portal_external_id" {
  description = "External id the portal must present when assuming its roles; null for none"
  type        = string
  default     = null
  sensitive   = true
}

################################################################################
# SQS
################################################################################

variable "workflows_visibility_timeout_seconds" {
  description = "Visibility timeout of the hybrid-workflows FIFO queue; at least 6 times its consumers' processing timeout"
  type        = number
  default     = 300

  validation {
    condition     = var.workflows_visibility_timeout_seconds >= 0 && var.workflows_visibility_timeout_seconds <= 43200
    error_message = "workflows_visibility_timeout_seconds must be between 0 and 43200."
  }
}

variable "queue_message_retention_seconds" {
  description = "How long the main queues keep a message, in seconds (the DLQs keep messages 14 days)"
  type        = number
  default     = 345600

  validation {
    condition     = var.queue_message_retention_seconds >= 60 && var.queue_message_retention_seconds < 1209600
    error_message = "queue_message_retention_seconds must be at least 60 and shorter than the DLQs' 14 days."
  }
}
