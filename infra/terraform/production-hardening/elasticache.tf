################################################################################
# Encrypted Redis (seed: Security Architecture 1). Replaces the unencrypted cluster:
# encryption at rest cannot be switched on in place, so the data moves through a
# snapshot (docs/runbooks/elasticache-migration.md). Set redis_restore_snapshot_name to
# the old cluster's snapshot for the migration apply.
################################################################################

# The AUTH token is generated once and kept in Secrets Manager; later plans never
# rotate it by accident (rotation is a runbook step, not a side effect of apply).
# Unlike the other secrets (secrets.tf) its value passes through Terraform: ElastiCache
# takes it as a plain argument, the default user's password (elasticache_users.tf;
# provider 5 has no write-only variant). It is
# therefore in the state, never in a .tf or .tfvars file: keep the state in an
# encrypted, access-controlled backend. The Lambda reads it from the secret at cold
# start (lambda.tf); it is in no function's environment.
data "aws_secretsmanager_random_password" "redis_auth" {
  password_length     = 64
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "redis_auth" {
  name                    = local.names.redis_auth_secret
  description             = "AUTH token of the ${local.names.redis_replication_group} replication group"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 7

  tags = local.tags
}

resource "aws_secretsmanager_secret_version" "redis_auth" {
  secret_id     = aws_secretsmanager_secret.redis_auth.id
  secret_string = data.aws_secretsmanager_random_password.redis_auth.random_password

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_elasticache_subnet_group" "redis" {
  name        = local.names.redis_replication_group
  description = "Private subnets of ${local.names.redis_replication_group}"
  subnet_ids  = var.private_subnet_ids

  tags = local.tags
}

resource "aws_security_group" "redis" {
  name        = "${local.names.redis_replication_group}-sg"
  description = "Redis ${local.names.redis_replication_group}: TLS port from the rate limiter and listed clients"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${local.names.redis_replication_group}-sg" })
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_rate_limiter" {
  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from the rate-limiter Lambda"
  ip_protocol                  = "tcp"
  from_port                    = local.redis_port
  to_port                      = local.redis_port
  referenced_security_group_id = aws_security_group.rate_limiter.id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_clients" {
  for_each = toset(var.redis_client_security_group_ids)

  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from ${each.value}"
  ip_protocol                  = "tcp"
  from_port                    = local.redis_port
  to_port                      = local.redis_port
  referenced_security_group_id = each.value

  tags = local.tags
}

locals {
  redis_port = 6379
}

# The limiter's idempotency markers, buckets and metrics must not be evicted: an evicted
# marker lets a message be sent twice, an evicted bucket hands a creator a full bucket.
# Every key the Lambda writes has a TTL, so memory is bounded by traffic; when it is
# full anyway, writes fail (OOM) and the limiter decides in its fallback instead of
# silently forgetting. Caches that want eviction (the Backstage cache) use their own
# Redis. README: "Redis: who may write what".
resource "aws_elasticache_parameter_group" "redis" {
  name        = local.names.redis_parameter_group
  family      = "redis${split(".", var.redis_engine_version)[0]}"
  description = "${local.names.redis_replication_group}: never evict (rate-limiter state and idempotency markers)"

  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = local.tags
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = local.names.redis_replication_group
  description          = "${var.name_prefix} Redis (rate limiter, caches), encrypted at rest and in transit"

  engine               = "redis"
  engine_version       = var.redis_engine_version
  node_type            = var.redis_node_type
  parameter_group_name = aws_elasticache_parameter_group.redis.name
  port                 = local.redis_port
  num_cache_clusters   = var.redis_num_cache_clusters

  automatic_failover_enabled = true
  multi_az_enabled           = true

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.this.arn
  transit_encryption_enabled = true
  # Clients authenticate as RBAC users (elasticache_users.tf); the AUTH token is the
  # default user's password.
  user_group_ids = [aws_elasticache_user_group.redis.user_group_id]

  subnet_group_name  = aws_elasticache_subnet_group.redis.name
  security_group_ids = [aws_security_group.redis.id]

  snapshot_name            = var.redis_restore_snapshot_name
  snapshot_retention_limit = var.redis_snapshot_retention_days
  snapshot_window          = var.redis_snapshot_window
  maintenance_window       = var.redis_maintenance_window
  notification_topic_arn   = aws_sns_topic.ops_alerts.arn

  auto_minor_version_upgrade = true
  apply_immediately          = false

  tags = local.tags

  lifecycle {
    # The restore snapshot only matters at creation; clearing it afterwards must not
    # replace the group.
    ignore_changes = [snapshot_name]
  }
}
