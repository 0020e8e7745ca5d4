################################################################################
# AI-cost ledger and cost alerts (seed: Data Models). Keys are the seed's pk/sk; the
# GSIs turn per-provider, per-agent, per-day and per-alert-type time ranges into single
# Query calls. Items expire through TTL on the `ttl` attribute (epoch seconds): 90 days for
# costs, 30 days for alerts, set by the writer.
################################################################################

locals {
  ttl_attribute_name = "ttl"

  # Same names and keys as packages/cost-monitoring/src/tables.ts (test/names.test.ts).
  ai_costs_indexes = {
    by_provider = { name = "byProvider", hash_key = "provider", range_key = "timestamp" }
    by_agent    = { name = "byAgent", hash_key = "agent", range_key = "timestamp" }
    by_date     = { name = "byDate", hash_key = "date", range_key = "timestamp" }
  }

  cost_alerts_indexes = {
    by_alert_type = { name = "byAlertType", hash_key = "alertType", range_key = "createdAt" }
  }
}

resource "aws_dynamodb_table" "ai_costs" {
  name                        = local.names.ai_costs_table
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "provider"
    type = "S"
  }

  attribute {
    name = "agent"
    type = "S"
  }

  attribute {
    name = "date"
    type = "S"
  }

  attribute {
    name = "timestamp"
    type = "S"
  }

  dynamic "global_secondary_index" {
    for_each = local.ai_costs_indexes

    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hash_key
      range_key       = global_secondary_index.value.range_key
      projection_type = "ALL"
    }
  }

  ttl {
    attribute_name = local.ttl_attribute_name
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  tags = local.tags
}

resource "aws_dynamodb_table" "cost_alerts" {
  name                        = local.names.cost_alerts_table
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = true

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "alertType"
    type = "S"
  }

  attribute {
    name = "createdAt"
    type = "S"
  }

  dynamic "global_secondary_index" {
    for_each = local.cost_alerts_indexes

    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hash_key
      range_key       = global_secondary_index.value.range_key
      projection_type = "ALL"
    }
  }

  ttl {
    attribute_name = local.ttl_attribute_name
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  tags = local.tags
}
