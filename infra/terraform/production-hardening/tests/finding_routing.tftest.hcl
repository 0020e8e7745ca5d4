# High and critical GuardDuty and Security Hub findings reach the security topic through
# EventBridge.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "findings_reach_the_security_topic" {
  command = plan

  variables {
    security_finding_min_severity = 8
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.guardduty_findings.event_pattern).source == ["aws.guardduty"]
      && jsondecode(aws_cloudwatch_event_rule.guardduty_findings.event_pattern).detail.severity[0].numeric == [">=", 8]
    )
    error_message = "The GuardDuty rule must match aws.guardduty findings of severity >= security_finding_min_severity."
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.securityhub_findings.event_pattern).source == ["aws.securityhub"]
      && toset(jsondecode(aws_cloudwatch_event_rule.securityhub_findings.event_pattern).detail.findings.Severity.Label) == toset(["HIGH", "CRITICAL"])
    )
    error_message = "The Security Hub rule must match HIGH and CRITICAL aws.securityhub findings."
  }

  assert {
    condition = (
      aws_cloudwatch_event_target.guardduty_findings.rule == aws_cloudwatch_event_rule.guardduty_findings.name
      && aws_cloudwatch_event_target.guardduty_findings.arn == aws_sns_topic.security_alerts.arn
      && aws_cloudwatch_event_target.securityhub_findings.rule == aws_cloudwatch_event_rule.securityhub_findings.name
      && aws_cloudwatch_event_target.securityhub_findings.arn == aws_sns_topic.security_alerts.arn
    )
    error_message = "Both finding rules must target the security topic."
  }
}
