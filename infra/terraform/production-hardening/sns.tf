################################################################################
# Alert topics (seed: SNS Topics), encrypted with the module's key. Budgets and Cost
# Anomaly Detection publish to the cost topic, EventBridge (GuardDuty / Security Hub findings) to the security topic,
# CloudWatch alarms to the ops topic.
################################################################################

locals {
  topic_subscriptions = merge(
    { for email in var.alert_subscriptions.cost.emails : "cost/email/${email}" => { topic = "cost", protocol = "email", endpoint = email } },
    { for url in var.alert_subscriptions.cost.https_endpoints : "cost/https/${url}" => { topic = "cost", protocol = "https", endpoint = url } },
    { for email in var.alert_subscriptions.security.emails : "security/email/${email}" => { topic = "security", protocol = "email", endpoint = email } },
    { for url in var.alert_subscriptions.security.https_endpoints : "security/https/${url}" => { topic = "security", protocol = "https", endpoint = url } },
    { for email in var.alert_subscriptions.ops.emails : "ops/email/${email}" => { topic = "ops", protocol = "email", endpoint = email } },
    { for url in var.alert_subscriptions.ops.https_endpoints : "ops/https/${url}" => { topic = "ops", protocol = "https", endpoint = url } },
  )

  topic_arns = {
    cost     = aws_sns_topic.cost_alerts.arn
    security = aws_sns_topic.security_alerts.arn
    ops      = aws_sns_topic.ops_alerts.arn
  }
}

resource "aws_sns_topic" "cost_alerts" {
  name              = local.names.cost_alerts_topic
  kms_master_key_id = aws_kms_key.this.arn

  tags = local.tags
}

resource "aws_sns_topic" "security_alerts" {
  name              = local.names.security_alerts_topic
  kms_master_key_id = aws_kms_key.this.arn

  tags = local.tags
}

resource "aws_sns_topic" "ops_alerts" {
  name              = local.names.ops_alerts_topic
  kms_master_key_id = aws_kms_key.this.arn

  tags = local.tags
}

data "aws_iam_policy_document" "cost_alerts_topic" {
  statement {
    sid       = "AccountOwnerManages"
    actions   = local.topic_owner_actions
    resources = [aws_sns_topic.cost_alerts.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "BudgetsPublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.cost_alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["budgets.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:budgets::${local.account}:*"]
    }
  }

  statement {
    sid       = "CostAnomalyDetectionPublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.cost_alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["costalerts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }

    # A pattern, not the subscription's ARN: the subscription is created after this
    # policy (it checks the permission when it is created).
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ce::${local.account}:anomalysubscription/*"]
    }
  }
}

data "aws_iam_policy_document" "security_alerts_topic" {
  statement {
    sid       = "AccountOwnerManages"
    actions   = local.topic_owner_actions
    resources = [aws_sns_topic.security_alerts.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "EventBridgePublishesFindings"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.security_alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.guardduty_findings.arn, aws_cloudwatch_event_rule.securityhub_findings.arn]
    }
  }
}

data "aws_iam_policy_document" "ops_alerts_topic" {
  statement {
    sid       = "AccountOwnerManages"
    actions   = local.topic_owner_actions
    resources = [aws_sns_topic.ops_alerts.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.ops_alerts.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

locals {
  topic_owner_actions = [
    "sns:GetTopicAttributes",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "sns:RemovePermission",
    "sns:DeleteTopic",
    "sns:Subscribe",
    "sns:ListSubscriptionsByTopic",
    "sns:Publish",
  ]
}

resource "aws_sns_topic_policy" "cost_alerts" {
  arn    = aws_sns_topic.cost_alerts.arn
  policy = data.aws_iam_policy_document.cost_alerts_topic.json
}

resource "aws_sns_topic_policy" "security_alerts" {
  arn    = aws_sns_topic.security_alerts.arn
  policy = data.aws_iam_policy_document.security_alerts_topic.json
}

resource "aws_sns_topic_policy" "ops_alerts" {
  arn    = aws_sns_topic.ops_alerts.arn
  policy = data.aws_iam_policy_document.ops_alerts_topic.json
}

resource "aws_sns_topic_subscription" "this" {
  for_each = local.topic_subscriptions

  topic_arn = local.topic_arns[each.value.topic]
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}
