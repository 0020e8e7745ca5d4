################################################################################
# The seed's five outputs
################################################################################

output "sqs_workflow_queue_url" {
  description = "URL of the hybrid-workflows FIFO queue"
  value       = aws_sqs_queue.workflows.url
}

output "sqs_rate_limiter_queue_url" {
  description = "URL of the rate-limiter queue"
  value       = aws_sqs_queue.rate_limiter.url
}

output "dynamodb_costs_table_name" {
  description = "Name of the AI-cost ledger table"
  value       = aws_dynamodb_table.ai_costs.name
}

output "sns_cost_alerts_arn" {
  description = "ARN of the cost-alerts topic"
  value       = aws_sns_topic.cost_alerts.arn
}

output "redis_encrypted_endpoint" {
  description = "Primary endpoint of the encrypted Redis replication group (TLS, AUTH)"
  value       = aws_elasticache_replication_group.redis.primary_endpoint_address
}

################################################################################
# Queues, tables, topics
################################################################################

output "sqs_queue_arns" {
  description = "ARNs of the queues and their DLQs"
  value = {
    workflows        = aws_sqs_queue.workflows.arn
    workflows_dlq    = aws_sqs_queue.workflows_dlq.arn
    rate_limiter     = aws_sqs_queue.rate_limiter.arn
    rate_limiter_dlq = aws_sqs_queue.rate_limiter_dlq.arn
  }
}

output "sqs_dlq_urls" {
  description = "URLs of the DLQs"
  value = {
    workflows    = aws_sqs_queue.workflows_dlq.url
    rate_limiter = aws_sqs_queue.rate_limiter_dlq.url
  }
}

output "dynamodb_cost_alerts_table_name" {
  description = "Name of the cost-alerts table"
  value       = aws_dynamodb_table.cost_alerts.name
}

output "dynamodb_index_names" {
  description = "GSI names per table, for the cost-monitoring library"
  value = {
    ai_costs    = { for k, v in local.ai_costs_indexes : k => v.name }
    cost_alerts = { for k, v in local.cost_alerts_indexes : k => v.name }
  }
}

output "sns_topic_arns" {
  description = "ARNs of the cost, security and ops alert topics"
  value       = local.topic_arns
}

output "kms_key_arn" {
  description = "ARN of the module's customer managed key (topics, Redis, CloudTrail)"
  value       = aws_kms_key.this.arn
}

################################################################################
# Redis, RDS, security, observability
################################################################################

output "redis_replication_group_id" {
  description = "Id of the encrypted Redis replication group"
  value       = aws_elasticache_replication_group.redis.id
}

output "redis_auth_secret_arn" {
  description = "Secrets Manager secret holding the Redis AUTH token"
  value       = aws_secretsmanager_secret.redis_auth.arn
}

output "redis_portal_password_secret_arn" {
  description = "Secrets Manager secret holding the password of the portal's read-only Redis user (prodHardening.redis.password)"
  value       = aws_secretsmanager_secret.redis_portal.arn
}

output "redis_security_group_id" {
  description = "Security group of Redis"
  value       = aws_security_group.redis.id
}

output "rds_parameter_group_name" {
  description = "PostgreSQL parameter group with rds.force_ssl = 1 (attach it to the instance)"
  value       = aws_db_parameter_group.postgres.name
}

output "cloudtrail_arn" {
  description = "ARN of the multi-region trail"
  value       = aws_cloudtrail.this.arn
}

output "cloudtrail_bucket_name" {
  description = "Bucket receiving the CloudTrail logs"
  value       = aws_s3_bucket.cloudtrail.id
}

output "guardduty_detector_id" {
  description = "Id of the GuardDuty detector (null when enable_guardduty is false)"
  value       = one(aws_guardduty_detector.this[*].id)
}

output "budget_name" {
  description = "Name of the monthly cost budget"
  value       = aws_budgets_budget.monthly.name
}

output "ecs_cluster_arns" {
  description = "ARNs of the ECS clusters with Container Insights"
  value       = { for name, cluster in aws_ecs_cluster.this : name => cluster.arn }
}

output "vpc_endpoint_ids" {
  description = "Ids of the S3 and DynamoDB gateway endpoints"
  value = {
    s3       = aws_vpc_endpoint.s3.id
    dynamodb = aws_vpc_endpoint.dynamodb.id
  }
}

################################################################################
# Lambda and IAM
################################################################################

output "rate_limiter_function_name" {
  description = "Name of the rate-limiter function"
  value       = aws_lambda_function.rate_limiter.function_name
}

output "rate_limiter_alias_arn" {
  description = "ARN of the live alias the queue invokes (update it to roll back)"
  value       = aws_lambda_alias.rate_limiter_live.arn
}

output "ecs_task_execution_role_arn" {
  description = "ARN of the ECS task execution role"
  value       = aws_iam_role.ecs_task_execution.arn
}

output "ecs_task_role_arn" {
  description = "ARN of the ECS task role"
  value       = aws_iam_role.ecs_task.arn
}

output "portal_read_role_arn" {
  description = "Role the portal assumes to read (prodHardening.aws.readRoleArn)"
  value       = aws_iam_role.portal_read.arn
}

output "portal_remediation_role_arn" {
  description = "Role the portal assumes for remediations (prodHardening.aws.remediationRoleArn)"
  value       = aws_iam_role.portal_remediation.arn
}

################################################################################
# Week 2: ECS scaling, cost anomalies, secrets
################################################################################

output "ecs_service_arns" {
  description = "ARNs of the ECS services with the deployment circuit breaker and auto scaling, by cluster/service"
  value       = { for key, service in aws_ecs_service.this : key => service.id }
}

output "cost_anomaly_monitor_arn" {
  description = "ARN of the Cost Anomaly Detection monitor of every AWS service"
  value       = aws_ce_anomaly_monitor.services.arn
}

output "cost_anomaly_subscription_arn" {
  description = "ARN of the anomaly subscription that alerts the cost topic"
  value       = aws_ce_anomaly_subscription.cost_alerts.arn
}

output "secret_arns" {
  description = "ARNs of the secrets: messaging_api and database (values set out of band), redis_auth, redis_portal"
  value = {
    messaging_api = aws_secretsmanager_secret.this["messaging_api"].arn
    database      = aws_secretsmanager_secret.this["database"].arn
    redis_auth    = aws_secretsmanager_secret.redis_auth.arn
    redis_portal  = aws_secretsmanager_secret.redis_portal.arn
  }
}

output "rate_limiter_live_version" {
  description = "Published version the live alias runs"
  value       = aws_lambda_alias.rate_limiter_live.function_version
}

################################################################################
# The portal's configuration
################################################################################

# Every ${PROD_HARDENING_<KEY>} that app-config.production.yaml reads, by key:
# `npm run config:from-terraform -- outputs.json` turns `terraform output -json` into
# those environment variables. No secret: the Redis AUTH token stays in Secrets Manager
# (redis_auth_secret_arn). test/portalConfig.test.ts keeps the keys and the file equal.
output "portal_config" {
  description = "Names and ARNs the portal reads (app-config.production.yaml), for npm run config:from-terraform"
  value = {
    account_id                 = var.aws_account_id
    region                     = var.aws_region
    read_role_arn              = aws_iam_role.portal_read.arn
    remediation_role_arn       = aws_iam_role.portal_remediation.arn
    redis_host                 = aws_elasticache_replication_group.redis.primary_endpoint_address
    redis_port                 = tostring(local.redis_port)
    redis_replication_group_id = aws_elasticache_replication_group.redis.replication_group_id
    ai_costs_table             = aws_dynamodb_table.ai_costs.name
    cost_alerts_table          = aws_dynamodb_table.cost_alerts.name
    workflows_queue            = aws_sqs_queue.workflows.name
    workflows_dlq              = aws_sqs_queue.workflows_dlq.name
    rate_limiter_queue         = aws_sqs_queue.rate_limiter.name
    rate_limiter_dlq           = aws_sqs_queue.rate_limiter_dlq.name
    cost_alerts_topic          = aws_sns_topic.cost_alerts.name
    security_alerts_topic      = aws_sns_topic.security_alerts.name
    ops_alerts_topic           = aws_sns_topic.ops_alerts.name
    budget_name                = aws_budgets_budget.monthly.name
    rds_parameter_group_name   = aws_db_parameter_group.postgres.name
    cloudtrail_name            = aws_cloudtrail.this.name
    rate_limiter_function_name = aws_lambda_function.rate_limiter.function_name
    rate_limiter_alias         = aws_lambda_alias.rate_limiter_live.name
    cost_anomaly_monitor_name  = aws_ce_anomaly_monitor.services.name
  }
}
