# RDS (seed: database): TLS enforced through the parameter group; the imported instance
# keeps deletion protection and encrypts Performance Insights with the module's key.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "postgres_requires_tls" {
  command = plan

  assert {
    condition     = anytrue([for p in aws_db_parameter_group.postgres.parameter : p.name == "rds.force_ssl" && p.value == "1"])
    error_message = "aws_db_parameter_group.postgres must set rds.force_ssl = 1 (TLS is not enforced otherwise)."
  }

  assert {
    condition     = length(aws_db_instance.postgres) == 0
    error_message = "Without rds_instance the module must not manage a database instance."
  }
}

run "imported_instance_is_protected" {
  command = plan

  variables {
    rds_instance_identifier = "huntaze-postgres"
    rds_instance = {
      instance_class       = "db.t4g.medium"
      engine_version       = "16.4"
      allocated_storage_gb = 50
      storage_encrypted    = true
    }
  }

  assert {
    condition     = aws_db_instance.postgres[0].deletion_protection == true && aws_db_instance.postgres[0].skip_final_snapshot == false
    error_message = "The database instance must keep deletion protection and a final snapshot."
  }

  assert {
    condition     = aws_db_instance.postgres[0].parameter_group_name == aws_db_parameter_group.postgres.name
    error_message = "The database instance must use the TLS-enforcing parameter group."
  }

  assert {
    condition     = aws_db_instance.postgres[0].performance_insights_enabled == true && aws_db_instance.postgres[0].performance_insights_kms_key_id == aws_kms_key.this.arn
    error_message = "Performance Insights must be on and encrypted with the module's key."
  }
}
