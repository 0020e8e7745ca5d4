# DynamoDB (seed: tables): on-demand, pk/sk keys, TTL on "ttl", point-in-time recovery,
# encryption, deletion protection, and exactly the attributes its keys and indexes use
# (DynamoDB rejects an attribute no key uses).

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "tables_are_recoverable_encrypted_and_expire_on_ttl" {
  command = plan

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.billing_mode == "PAY_PER_REQUEST"])
    error_message = "Tables must be on-demand (billing_mode = PAY_PER_REQUEST)."
  }

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.hash_key == "pk" && t.range_key == "sk"])
    error_message = "Tables must use the seed's pk/sk keys."
  }

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.ttl[0].enabled == true && t.ttl[0].attribute_name == "ttl"])
    error_message = "Tables must have TTL enabled on attribute \"ttl\" (the code writes it); found ${jsonencode([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.ttl[0].attribute_name])}."
  }

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.point_in_time_recovery[0].enabled == true])
    error_message = "Tables must have point-in-time recovery."
  }

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.server_side_encryption[0].enabled == true])
    error_message = "Tables must have server_side_encryption enabled."
  }

  assert {
    condition     = alltrue([for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] : t.deletion_protection_enabled == true])
    error_message = "Tables must have deletion protection."
  }

  assert {
    condition = alltrue([
      for t in [aws_dynamodb_table.ai_costs, aws_dynamodb_table.cost_alerts] :
      toset([for a in t.attribute : a.name]) == toset(concat([t.hash_key, t.range_key], flatten([for g in t.global_secondary_index : [g.hash_key, g.range_key]])))
    ])
    error_message = "Each table must declare exactly the attributes its keys and indexes use."
  }
}
