# The module's KMS key: rotated yearly, a deletion window, and a key policy letting the
# AWS services that publish to the encrypted topics (and CloudTrail) use it. Without the
# key policy grant, a service's notifications are dropped without an error anyone sees.

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "key_rotates_and_lets_publishing_services_use_it" {
  command = plan

  assert {
    condition     = aws_kms_key.this.enable_key_rotation == true
    error_message = "aws_kms_key.this must have key rotation enabled."
  }

  assert {
    condition     = aws_kms_key.this.deletion_window_in_days >= 7
    error_message = "aws_kms_key.this must have a deletion window of at least 7 days."
  }

  assert {
    condition = alltrue([
      for service in ["budgets.amazonaws.com", "costalerts.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"] :
      alltrue([
        for action in ["kms:GenerateDataKey*", "kms:Decrypt"] :
        anytrue([
          for s in data.aws_iam_policy_document.kms.statement :
          coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, action) && anytrue([for p in s.principals : contains(p.identifiers, service)])
        ])
      ])
    ])
    error_message = "The KMS key policy must let budgets, costalerts, events and cloudwatch.amazonaws.com use the key of the encrypted topics (kms:GenerateDataKey*, kms:Decrypt); missing: ${jsonencode([for service in ["budgets.amazonaws.com", "costalerts.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"] : service if !anytrue([for s in data.aws_iam_policy_document.kms.statement : contains(s.actions, "kms:Decrypt") && anytrue([for p in s.principals : contains(p.identifiers, service)])])])}."
  }

  assert {
    condition = anytrue([
      for s in data.aws_iam_policy_document.kms.statement :
      coalesce(s.effect, "Allow") == "Allow" && contains(s.actions, "kms:GenerateDataKey*") && anytrue([for p in s.principals : contains(p.identifiers, "cloudtrail.amazonaws.com")])
    ])
    error_message = "The KMS key policy must let cloudtrail.amazonaws.com encrypt the trail's logs."
  }
}
