################################################################################
# S3 Block Public Access for the whole account (seed: S3 Security).
################################################################################

resource "aws_s3_account_public_access_block" "this" {
  account_id              = local.account
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
