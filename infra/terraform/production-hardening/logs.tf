################################################################################
# CloudWatch Logs retention (seed: 30-90 days) on existing log groups. The module's own
# log groups (CloudTrail, rate limiter) use the same retention.
################################################################################

resource "aws_cloudwatch_log_group" "managed" {
  for_each = toset(var.managed_log_group_names)

  name              = each.value
  retention_in_days = var.log_retention_days

  tags = local.tags
}
