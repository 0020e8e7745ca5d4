################################################################################
# Roles the portal backend assumes: one read-only, one for automated remediations.
# The action lists below must equal the AWS SDK commands the backend sends
# (plugins/prod-hardening-backend/src/sources/**: reads; .../sources/remediation/**:
# writes; calls made through workspace libraries such as the cost-monitoring library
# count too). test/portalIam.test.ts derives both sets from the code and compares;
# adding a command to the backend means adding its IAM action here, one line.
# Calls that need no permission (sts:GetCallerIdentity) are not listed.
################################################################################

locals {
  portal_read_actions = [
    "application-autoscaling:DescribeScalableTargets",
    "application-autoscaling:DescribeScalingPolicies",
    "budgets:ViewBudget",
    "ce:GetAnomalies",
    "ce:GetAnomalyMonitors",
    "ce:GetAnomalySubscriptions",
    "ce:GetCostAndUsage",
    "ce:GetCostForecast",
    "cloudtrail:DescribeTrails",
    "cloudtrail:GetTrailStatus",
    "cloudwatch:DescribeAlarms",
    "cloudwatch:GetMetricData",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:DescribeTable",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:Query",
    "ec2:DescribeVpcEndpoints",
    "ec2:DescribeVpcs",
    "ecs:DescribeClusters",
    "ecs:DescribeServices",
    "ecs:DescribeTaskDefinition",
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeReplicationGroups",
    "guardduty:GetDetector",
    "guardduty:ListDetectors",
    "lambda:GetAlias",
    "lambda:ListEventSourceMappings",
    "logs:DescribeLogGroups",
    # Fix costs: unit prices from the AWS Price List (not scoped to resources).
    "pricing:GetProducts",
    "rds:DescribeDBInstances",
    "rds:DescribeDBParameterGroups",
    "rds:DescribeDBParameters",
    "s3:GetAccountPublicAccessBlock",
    "s3:GetBucketVersioning",
    "s3:GetBucketWebsite",
    "s3:GetLifecycleConfiguration",
    "s3:ListAllMyBuckets",
    "secretsmanager:DescribeSecret",
    "securityhub:DescribeHub",
    "securityhub:GetEnabledStandards",
    "securityhub:GetFindings",
    "sns:GetTopicAttributes",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ListMessageMoveTasks",
    "sqs:ReceiveMessage",
    "support:DescribeTrustedAdvisorCheckSummaries",
    "support:DescribeTrustedAdvisorChecks",
  ]

  portal_remediation_actions = [
    "ce:ProvideAnomalyFeedback",
    "cloudtrail:StartLogging",
    "cloudtrail:UpdateTrail",
    "dynamodb:UpdateContinuousBackups",
    "ecs:UpdateCluster",
    "guardduty:CreateDetector",
    "guardduty:UpdateDetector",
    "logs:PutRetentionPolicy",
    "s3:PutAccountPublicAccessBlock",
    "securityhub:BatchEnableStandards",
    "securityhub:BatchUpdateFindings",
    "securityhub:EnableSecurityHub",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
    "sqs:SendMessage",
    "sqs:SetQueueAttributes",
    "sqs:StartMessageMoveTask",
  ]
}

data "aws_iam_policy_document" "portal_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = length(var.portal_trusted_principal_arns) > 0 ? var.portal_trusted_principal_arns : ["arn:${local.partition}:iam::${local.account}:root"]
    }

    dynamic "condition" {
      for_each = var.portal_external_id == null ? [] : [var.portal_external_id]

      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [condition.value]
      }
    }
  }
}

# The remediation role is assumed per portal user: the backend sets the user as the
# session's SourceIdentity and tags the session with the user and the plan
# (plugins/prod-hardening-backend/src/aws/actingUser.ts), so CloudTrail names the person
# behind every change. Without a SourceIdentity the role cannot be assumed at all, and
# only the portal's two tag keys may be set.
data "aws_iam_policy_document" "portal_remediation_assume" {
  statement {
    actions = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]

    principals {
      type        = "AWS"
      identifiers = length(var.portal_trusted_principal_arns) > 0 ? var.portal_trusted_principal_arns : ["arn:${local.partition}:iam::${local.account}:root"]
    }

    condition {
      test     = "Null"
      variable = "sts:SourceIdentity"
      values   = ["false"]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["prod-hardening:user", "prod-hardening:plan-id"]
    }

    dynamic "condition" {
      for_each = var.portal_external_id == null ? [] : [var.portal_external_id]

      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "portal_read" {
  name                 = "${var.name_prefix}-portal-read"
  description          = "Production-hardening portal: read-only posture, FinOps and throttling data"
  assume_role_policy   = data.aws_iam_policy_document.portal_assume.json
  max_session_duration = 3600

  tags = local.tags
}

resource "aws_iam_role" "portal_remediation" {
  name                 = "${var.name_prefix}-portal-remediation"
  description          = "Production-hardening portal: the write calls of guarded remediations"
  assume_role_policy   = data.aws_iam_policy_document.portal_remediation_assume.json
  max_session_duration = 3600

  tags = local.tags
}

# Read and account-level actions (Describe*, Get*, List*) mostly have no resource-level
# permissions; the lists themselves are the restriction.
data "aws_iam_policy_document" "portal_read" {
  count = length(local.portal_read_actions) > 0 ? 1 : 0

  statement {
    sid       = "PortalReads"
    actions   = local.portal_read_actions
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "portal_remediation" {
  count = length(local.portal_remediation_actions) > 0 ? 1 : 0

  statement {
    sid       = "PortalRemediations"
    actions   = local.portal_remediation_actions
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = distinct([local.region, "us-east-1"])
    }
  }

  # EnableSecurityHub and GuardDuty's CreateDetector create their service's linked role
  # on first use; this role may create those two roles and no other.
  statement {
    sid     = "ServiceLinkedRolesOfRemediations"
    actions = ["iam:CreateServiceLinkedRole"]
    resources = [
      "arn:${local.partition}:iam::${local.account}:role/aws-service-role/securityhub.amazonaws.com/AWSServiceRoleForSecurityHub",
      "arn:${local.partition}:iam::${local.account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
    ]

    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = ["securityhub.amazonaws.com", "guardduty.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "portal_read" {
  count = length(local.portal_read_actions) > 0 ? 1 : 0

  name   = "portal-read"
  role   = aws_iam_role.portal_read.id
  policy = data.aws_iam_policy_document.portal_read[0].json
}

resource "aws_iam_role_policy" "portal_remediation" {
  count = length(local.portal_remediation_actions) > 0 ? 1 : 0

  name   = "portal-remediation"
  role   = aws_iam_role.portal_remediation.id
  policy = data.aws_iam_policy_document.portal_remediation[0].json
}
