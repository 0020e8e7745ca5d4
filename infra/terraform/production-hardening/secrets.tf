################################################################################
# Secrets the seed names (IAM & Secrets): the messaging (OnlyFans) API token and the
# PostgreSQL application password, encrypted with the module's key. The Redis AUTH
# token is the third; it lives in elasticache.tf because ElastiCache needs its value.
#
# Terraform creates these two secrets empty and never sees their values: anything
# Terraform writes into a secret is also stored in plain text in the Terraform state.
# An operator sets the value once, out of band (README: Secrets):
#   aws secretsmanager put-secret-value --secret-id <name> --secret-string file://value
# and a rotation function, where one is given, replaces it on schedule from then on.
################################################################################

locals {
  out_of_band_secrets = {
    messaging_api = {
      name        = local.names.messaging_api_secret
      description = "Messaging (OnlyFans) API token the rate limiter sends: a plain string or JSON {\"token\": ...}. Set out of band."
    }
    database = {
      name        = local.names.database_secret
      description = "PostgreSQL application credentials as JSON (engine, host, port, username, password, dbname), the format of the AWS rotation functions. Set out of band."
    }
  }

  # Only secrets given a rotation function rotate; the others keep their value until an
  # operator changes it.
  rotated_secrets = {
    for key, arn in var.secret_rotation_lambda_arns : key => arn if arn != null
  }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.out_of_band_secrets

  name                    = each.value.name
  description             = each.value.description
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = 7

  tags = local.tags
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = local.rotated_secrets

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = each.value

  # Rotating at once would run against a secret that has no value yet; the first
  # rotation waits for the schedule, after the operator has set the value.
  rotate_immediately = false

  rotation_rules {
    automatically_after_days = var.secret_rotation_days
  }
}
