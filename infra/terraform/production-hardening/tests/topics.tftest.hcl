# SNS (seed: alerting): every topic is encrypted with the module's key and has a policy
# letting the one AWS service that feeds it publish: Budgets and Cost Anomaly Detection
# the cost topic, EventBridge the security topic, CloudWatch alarms the ops topic.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "topics_are_encrypted_and_let_their_publishers_publish" {
  command = plan

  assert {
    condition     = alltrue([for t in [aws_sns_topic.cost_alerts, aws_sns_topic.security_alerts, aws_sns_topic.ops_alerts] : t.kms_master_key_id == aws_kms_key.this.arn])
    error_message = "Every topic must be encrypted with the module's key (kms_master_key_id)."
  }

  assert {
    condition = (
      aws_sns_topic_policy.cost_alerts.arn == aws_sns_topic.cost_alerts.arn
      && aws_sns_topic_policy.security_alerts.arn == aws_sns_topic.security_alerts.arn
      && aws_sns_topic_policy.ops_alerts.arn == aws_sns_topic.ops_alerts.arn
    )
    error_message = "Every topic must have its aws_sns_topic_policy."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.cost_alerts_topic.statement :
      coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, "sns:Publish") && anytrue([for p in s.principals : contains(p.identifiers, "budgets.amazonaws.com")])
    ])
    error_message = "The cost topic policy must let budgets.amazonaws.com sns:Publish (aws_budgets_budget.monthly notifies it)."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.cost_alerts_topic.statement :
      coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, "sns:Publish") && anytrue([for p in s.principals : contains(p.identifiers, "costalerts.amazonaws.com")])
    ])
    error_message = "The cost topic policy must let costalerts.amazonaws.com sns:Publish (aws_ce_anomaly_subscription.cost_alerts notifies it)."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.security_alerts_topic.statement :
      coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, "sns:Publish") && anytrue([for p in s.principals : contains(p.identifiers, "events.amazonaws.com")])
    ])
    error_message = "The security topic policy must let events.amazonaws.com sns:Publish (the finding rules target it)."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.ops_alerts_topic.statement :
      coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, "sns:Publish") && anytrue([for p in s.principals : contains(p.identifiers, "cloudwatch.amazonaws.com")])
    ])
    error_message = "The ops topic policy must let cloudwatch.amazonaws.com sns:Publish (the alarms notify it)."
  }
}

run "subscribes_the_given_endpoints_to_their_topic" {
  command = plan

  variables {
    alert_subscriptions = {
      security = { emails = ["security@example.com"], https_endpoints = ["https://alerts.example.com/sns"] }
    }
  }

  assert {
    condition = (
      length(aws_sns_topic_subscription.this) == 2
      && aws_sns_topic_subscription.this["security/https/https://alerts.example.com/sns"].topic_arn == aws_sns_topic.security_alerts.arn
      && aws_sns_topic_subscription.this["security/email/security@example.com"].protocol == "email"
    )
    error_message = "Each listed e-mail and HTTPS endpoint must be subscribed to its own topic."
  }
}

run "rejects_plain_http_alert_endpoints" {
  command = plan

  variables {
    alert_subscriptions = {
      ops = { https_endpoints = ["http://alerts.example.com/sns"] }
    }
  }

  expect_failures = [var.alert_subscriptions]
}
