data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = var.aws_account_id
  region    = var.aws_region

  # Names the portal reads from app-config.yaml (prodHardening.resources), the rate-limiter
  # Lambda and the cost-monitoring library use. test/names.test.ts keeps them in agreement.
  names = {
    ai_costs_table          = "${var.name_prefix}-ai-costs-${var.environment}"
    cost_alerts_table       = "${var.name_prefix}-cost-alerts-${var.environment}"
    workflows_queue         = "${var.name_prefix}-hybrid-workflows.fifo"
    workflows_dlq           = "${var.name_prefix}-hybrid-workflows-dlq.fifo"
    rate_limiter_queue      = "${var.name_prefix}-rate-limiter-queue"
    rate_limiter_dlq        = "${var.name_prefix}-rate-limiter-dlq"
    cost_alerts_topic       = "${var.name_prefix}-cost-alerts"
    security_alerts_topic   = "${var.name_prefix}-security-alerts"
    ops_alerts_topic        = "${var.name_prefix}-ops-alerts"
    budget                  = "${var.name_prefix}-monthly-budget"
    redis_replication_group = "${var.name_prefix}-redis"
    rds_parameter_group     = "${var.name_prefix}-postgres-${var.environment}"
    cloudtrail              = "${var.name_prefix}-trail"
    cloudtrail_bucket       = "${var.name_prefix}-cloudtrail-${var.aws_account_id}"
    rate_limiter_function   = "${var.name_prefix}-rate-limiter"
    rate_limiter_alias      = "live"
    redis_auth_secret       = "${var.name_prefix}/redis/auth-token"
    redis_portal_secret     = "${var.name_prefix}/redis/portal-password"
    redis_user_group        = "${var.name_prefix}-redis-users"
    redis_parameter_group   = "${var.name_prefix}-redis-noeviction"
    messaging_api_secret    = "${var.name_prefix}/onlyfans/api-token"
    database_secret         = "${var.name_prefix}/postgres/password"
    cost_anomaly_monitor    = "${var.name_prefix}-aws-services"
    cost_anomaly_alerts     = "${var.name_prefix}-cost-anomalies"
  }

  tags = merge(
    {
      Project     = "production-hardening"
      Environment = var.environment
      ManagedBy   = "terraform"
    },
    var.tags,
  )
}
