# Seed, Security: GuardDuty, Security Hub with the AWS Foundational Security Best Practices
# standard, a multi-region CloudTrail with log file validation into a private, encrypted,
# TLS-only bucket, and account-level S3 Block Public Access.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "security_services_are_on" {
  command = plan

  assert {
    condition     = length(aws_guardduty_detector.this) == 1 && aws_guardduty_detector.this[0].enable == true
    error_message = "GuardDuty must be enabled (aws_guardduty_detector.this)."
  }

  assert {
    condition     = length(aws_securityhub_account.this) == 1 && length(aws_securityhub_standards_subscription.fsbp) == 1
    error_message = "Security Hub must be enabled with a standards subscription."
  }

  assert {
    condition     = strcontains(aws_securityhub_standards_subscription.fsbp[0].standards_arn, "standards/aws-foundational-security-best-practices/")
    error_message = "Security Hub must subscribe to the AWS Foundational Security Best Practices standard."
  }

  assert {
    condition = (
      aws_s3_account_public_access_block.this.block_public_acls == true
      && aws_s3_account_public_access_block.this.block_public_policy == true
      && aws_s3_account_public_access_block.this.ignore_public_acls == true
      && aws_s3_account_public_access_block.this.restrict_public_buckets == true
    )
    error_message = "Account-level S3 Block Public Access must set all four flags."
  }
}

run "trail_is_multi_region_validated_and_encrypted" {
  command = plan

  assert {
    condition     = aws_cloudtrail.this.is_multi_region_trail == true
    error_message = "aws_cloudtrail.this is not multi-region."
  }

  assert {
    condition     = aws_cloudtrail.this.enable_log_file_validation == true && aws_cloudtrail.this.include_global_service_events == true
    error_message = "aws_cloudtrail.this must validate log files and include global service events."
  }

  assert {
    condition     = aws_cloudtrail.this.kms_key_id == aws_kms_key.this.arn
    error_message = "aws_cloudtrail.this logs must be encrypted with the module's KMS key."
  }

  assert {
    condition     = aws_cloudtrail.this.cloud_watch_logs_group_arn == "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
    error_message = "aws_cloudtrail.this must deliver to its CloudWatch Logs group."
  }

  assert {
    condition     = aws_cloudtrail.this.s3_bucket_name == aws_s3_bucket.cloudtrail.id
    error_message = "aws_cloudtrail.this must write to the module's bucket."
  }
}

run "trail_bucket_is_private_encrypted_and_tls_only" {
  command = plan

  assert {
    condition = (
      aws_s3_bucket_public_access_block.cloudtrail.block_public_acls == true
      && aws_s3_bucket_public_access_block.cloudtrail.block_public_policy == true
      && aws_s3_bucket_public_access_block.cloudtrail.ignore_public_acls == true
      && aws_s3_bucket_public_access_block.cloudtrail.restrict_public_buckets == true
    )
    error_message = "The trail bucket must block all public access."
  }

  assert {
    condition = anytrue([
      for r in aws_s3_bucket_server_side_encryption_configuration.cloudtrail.rule :
      anytrue([for d in r.apply_server_side_encryption_by_default : d.sse_algorithm == "aws:kms" && d.kms_master_key_id == aws_kms_key.this.arn])
    ])
    error_message = "The trail bucket must be encrypted by default with the module's KMS key."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.cloudtrail_bucket.statement :
      s.effect == "Deny" && contains(s.actions, "s3:*") && anytrue([for c in s.condition : c.variable == "aws:SecureTransport" && length(c.values) == 1 && contains(c.values, "false")])
    ])
    error_message = "The trail bucket policy must deny every request with aws:SecureTransport = false."
  }
}

run "security_services_can_be_left_to_an_organisation" {
  command = plan

  variables {
    enable_guardduty    = false
    enable_security_hub = false
  }

  assert {
    condition     = length(aws_guardduty_detector.this) == 0 && length(aws_securityhub_account.this) == 0 && length(aws_securityhub_standards_subscription.fsbp) == 0
    error_message = "enable_guardduty / enable_security_hub = false must leave GuardDuty and Security Hub alone."
  }
}
