################################################################################
# PostgreSQL: TLS enforced by the parameter group (seed: RDS PostgreSQL TLS) and, when
# the existing instance is imported (rds_instance set), Performance Insights (seed: Day 8).
################################################################################

resource "aws_db_parameter_group" "postgres" {
  name        = local.names.rds_parameter_group
  family      = var.rds_parameter_group_family
  description = "${var.name_prefix} PostgreSQL: TLS required, slow query log"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.rds_slow_query_ms)
  }

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "postgres" {
  count = var.rds_instance == null ? 0 : 1

  identifier           = var.rds_instance_identifier
  engine               = "postgres"
  engine_version       = var.rds_instance.engine_version
  instance_class       = var.rds_instance.instance_class
  allocated_storage    = var.rds_instance.allocated_storage_gb
  storage_encrypted    = var.rds_instance.storage_encrypted
  db_subnet_group_name = var.rds_instance.db_subnet_group_name
  multi_az             = var.rds_instance.multi_az
  parameter_group_name = aws_db_parameter_group.postgres.name

  vpc_security_group_ids = var.rds_instance.vpc_security_group_ids

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.this.arn
  performance_insights_retention_period = var.rds_instance.pi_retention_days

  backup_retention_period   = var.rds_instance.backup_retention_days
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.rds_instance_identifier}-final"
  apply_immediately         = false

  tags = local.tags

  lifecycle {
    # An imported instance must never be replaced by a plan.
    prevent_destroy = true
    ignore_changes  = [password, username, snapshot_identifier]

    precondition {
      condition     = var.rds_instance_identifier != null
      error_message = "rds_instance needs rds_instance_identifier (the existing instance to import)."
    }
  }
}
