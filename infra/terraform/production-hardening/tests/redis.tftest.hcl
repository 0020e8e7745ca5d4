# ElastiCache Redis (seed: encrypted Redis): encrypted at rest with the module's key and in
# transit, every client authenticating as an RBAC user whose password comes from Secrets
# Manager, automatic failover across zones, snapshots, and never evicting the limiter's
# state.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "redis_is_encrypted_authenticated_and_never_evicts" {
  command = plan

  assert {
    condition     = tostring(aws_elasticache_replication_group.redis.at_rest_encryption_enabled) == "true" && aws_elasticache_replication_group.redis.kms_key_id == aws_kms_key.this.arn
    error_message = "aws_elasticache_replication_group.redis must be encrypted at rest with the module's KMS key."
  }

  assert {
    condition     = aws_elasticache_replication_group.redis.transit_encryption_enabled == true
    error_message = "aws_elasticache_replication_group.redis is not encrypted in transit (transit_encryption_enabled)."
  }

  assert {
    condition     = aws_elasticache_replication_group.redis.automatic_failover_enabled == true && aws_elasticache_replication_group.redis.multi_az_enabled == true
    error_message = "aws_elasticache_replication_group.redis must fail over automatically across availability zones."
  }

  assert {
    condition     = aws_elasticache_replication_group.redis.snapshot_retention_limit >= 1
    error_message = "aws_elasticache_replication_group.redis must keep snapshots (snapshot_retention_limit >= 1)."
  }

  assert {
    condition = (
      aws_elasticache_replication_group.redis.parameter_group_name == aws_elasticache_parameter_group.redis.name
      && anytrue([for p in aws_elasticache_parameter_group.redis.parameter : p.name == "maxmemory-policy" && p.value == "noeviction"])
    )
    error_message = "Redis may evict keys: the replication group must use aws_elasticache_parameter_group.redis with maxmemory-policy = noeviction."
  }

  assert {
    condition     = aws_elasticache_replication_group.redis.user_group_ids == toset([aws_elasticache_user_group.redis.user_group_id]) && aws_elasticache_replication_group.redis.auth_token == null
    error_message = "aws_elasticache_replication_group.redis has no AUTH: it must use the RBAC user group aws_elasticache_user_group.redis (and no auth_token; ElastiCache takes one or the other)."
  }

  assert {
    condition     = aws_elasticache_user.default.user_name == "default" && contains(aws_elasticache_user_group.redis.user_ids, aws_elasticache_user.default.user_id) && contains(aws_elasticache_user_group.redis.user_ids, aws_elasticache_user.portal.user_id)
    error_message = "The Redis user group must hold the \"default\" user (ElastiCache requires one) and the portal user."
  }

  assert {
    condition     = aws_elasticache_user.default.passwords == toset([aws_secretsmanager_secret_version.redis_auth.secret_string])
    error_message = "aws_elasticache_user.default has no password from Secrets Manager (passwords = the redis_auth secret version)."
  }

  assert {
    condition     = aws_elasticache_user.portal.passwords == toset([aws_secretsmanager_secret_version.redis_portal.secret_string])
    error_message = "aws_elasticache_user.portal has no password from Secrets Manager (passwords = the redis_portal secret version)."
  }

  assert {
    condition     = aws_secretsmanager_secret_version.redis_auth.secret_id == aws_secretsmanager_secret.redis_auth.id && aws_secretsmanager_secret_version.redis_portal.secret_id == aws_secretsmanager_secret.redis_portal.id
    error_message = "The Redis passwords must be stored in their own secrets."
  }
}

run "rejects_a_single_node_group" {
  command = plan

  variables {
    redis_num_cache_clusters = 1
  }

  expect_failures = [var.redis_num_cache_clusters]
}
