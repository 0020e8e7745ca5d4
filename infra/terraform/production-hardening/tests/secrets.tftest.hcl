# Seed, IAM & Secrets: the messaging API token, the database password and the Redis
# passwords are secrets encrypted with the module's key, with a recovery window, rotated
# where a rotation function is given, never before their out-of-band value is set. (That
# no secret value is written in the configuration is a rule over every block:
# test/security.test.ts.)

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "seed_secrets_are_encrypted_and_recoverable" {
  command = plan

  assert {
    condition = (
      aws_secretsmanager_secret.this["messaging_api"].name == "huntaze/onlyfans/api-token"
      && aws_secretsmanager_secret.this["database"].name == "huntaze/postgres/password"
      && aws_secretsmanager_secret.redis_auth.name == "huntaze/redis/auth-token"
    )
    error_message = "The seed's secrets (messaging API token, database password, Redis AUTH token) must exist under their names."
  }

  assert {
    condition = alltrue([
      for s in concat(values(aws_secretsmanager_secret.this), [aws_secretsmanager_secret.redis_auth, aws_secretsmanager_secret.redis_portal]) :
      s.kms_key_id == aws_kms_key.this.arn
    ])
    error_message = "aws_secretsmanager_secret.this is not encrypted with the module's KMS key: every secret needs kms_key_id = aws_kms_key.this.arn."
  }

  assert {
    condition = alltrue([
      for s in concat(values(aws_secretsmanager_secret.this), [aws_secretsmanager_secret.redis_auth, aws_secretsmanager_secret.redis_portal]) :
      s.recovery_window_in_days >= 7
    ])
    error_message = "Every secret needs a recovery window of at least 7 days."
  }

  assert {
    condition     = length(aws_secretsmanager_secret_rotation.this) == 0
    error_message = "Without a rotation function no secret may be set to rotate."
  }
}

run "rotates_where_a_function_is_given_after_the_value_is_set" {
  command = plan

  variables {
    secret_rotation_lambda_arns = {
      database = "arn:aws:lambda:us-east-1:123456789012:function:postgres-rotation"
    }
    secret_rotation_days = 45
  }

  assert {
    condition     = toset(keys(aws_secretsmanager_secret_rotation.this)) == toset(["database"])
    error_message = "Only the secrets given a rotation function rotate."
  }

  assert {
    condition = (
      aws_secretsmanager_secret_rotation.this["database"].rotation_lambda_arn == "arn:aws:lambda:us-east-1:123456789012:function:postgres-rotation"
      && aws_secretsmanager_secret_rotation.this["database"].rotation_rules[0].automatically_after_days == 45
    )
    error_message = "The rotation must use the given function every secret_rotation_days."
  }

  assert {
    condition     = aws_secretsmanager_secret_rotation.this["database"].rotate_immediately == false
    error_message = "The database secret rotates immediately, before its out-of-band value is set (rotate_immediately must be false)."
  }
}

run "rejects_a_rotation_function_that_is_not_a_lambda_arn" {
  command = plan

  variables {
    secret_rotation_lambda_arns = {
      database = "postgres-rotation"
    }
  }

  expect_failures = [var.secret_rotation_lambda_arns]
}
