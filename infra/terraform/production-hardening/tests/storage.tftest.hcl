# Seed, Day 10: the listed buckets move their objects to Intelligent-Tiering from day 0
# and expire noncurrent versions; the versioned CloudTrail bucket expires its noncurrent
# versions too (versioning without expiry keeps every overwritten object forever).

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "listed_buckets_tier_and_expire_noncurrent_versions" {
  command = plan

  variables {
    intelligent_tiering_bucket_names   = ["huntaze-assets-production", "huntaze-uploads-production"]
    noncurrent_version_expiration_days = 45
  }

  assert {
    condition     = toset(keys(aws_s3_bucket_lifecycle_configuration.intelligent_tiering)) == toset(["huntaze-assets-production", "huntaze-uploads-production"])
    error_message = "Each bucket of intelligent_tiering_bucket_names must get a lifecycle configuration."
  }

  assert {
    condition = alltrue([
      for l in values(aws_s3_bucket_lifecycle_configuration.intelligent_tiering) :
      anytrue([for r in l.rule : r.status == "Enabled" && anytrue([for t in r.transition : t.days == 0 && t.storage_class == "INTELLIGENT_TIERING"])])
    ])
    error_message = "The listed buckets need an enabled rule moving objects to INTELLIGENT_TIERING from day 0."
  }

  assert {
    condition = alltrue([
      for l in values(aws_s3_bucket_lifecycle_configuration.intelligent_tiering) :
      anytrue([for r in l.rule : r.status == "Enabled" && anytrue([for e in r.noncurrent_version_expiration : e.noncurrent_days == 45])])
    ])
    error_message = "The listed buckets need an enabled rule expiring noncurrent versions after noncurrent_version_expiration_days."
  }

  assert {
    condition = (
      aws_s3_bucket_versioning.cloudtrail.versioning_configuration[0].status == "Enabled"
      && aws_s3_bucket_lifecycle_configuration.cloudtrail.bucket == aws_s3_bucket.cloudtrail.id
      && anytrue([for r in aws_s3_bucket_lifecycle_configuration.cloudtrail.rule : r.status == "Enabled" && anytrue([for e in r.noncurrent_version_expiration : e.noncurrent_days == 45])])
    )
    error_message = "aws_s3_bucket_versioning.cloudtrail turns versioning on, but no lifecycle rule of that bucket expires noncurrent versions."
  }
}
