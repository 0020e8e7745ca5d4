################################################################################
# S3 Intelligent-Tiering (seed: Day 10) for the buckets named in
# intelligent_tiering_bucket_names: every object moves to Intelligent-Tiering, which
# shifts it to cheaper tiers when it is not read and back when it is, with no retrieval
# fee. Objects under 128 KB stay where they are: Intelligent-Tiering never moves them
# to a cheaper tier, so it would only add its monitoring fee.
#
# A bucket has one lifecycle configuration; this one replaces the bucket's own rules.
# Carry existing rules over before applying (README: Importing existing resources).
################################################################################

resource "aws_s3_bucket_lifecycle_configuration" "intelligent_tiering" {
  for_each = toset(var.intelligent_tiering_bucket_names)

  bucket                                 = each.value
  transition_default_minimum_object_size = "all_storage_classes_128K"

  rule {
    id     = "intelligent-tiering"
    status = "Enabled"

    filter {}

    transition {
      days          = 0
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  # Only versioned buckets have noncurrent versions; on the others the rule never acts.
  # It stays in place so a bucket that turns versioning on does not keep every
  # overwritten object forever.
  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
