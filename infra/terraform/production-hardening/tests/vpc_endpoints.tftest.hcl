# S3 and DynamoDB gateway endpoints on the private route tables (seed: FinOps, no NAT
# charges for S3 and DynamoDB traffic).

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "gateway_endpoints_on_the_private_route_tables" {
  command = plan

  variables {
    aws_region      = "eu-west-1"
    route_table_ids = ["rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"]
  }

  assert {
    condition     = aws_vpc_endpoint.s3.service_name == "com.amazonaws.eu-west-1.s3" && aws_vpc_endpoint.dynamodb.service_name == "com.amazonaws.eu-west-1.dynamodb"
    error_message = "The endpoints must be the region's S3 and DynamoDB services."
  }

  assert {
    condition = alltrue([
      for e in [aws_vpc_endpoint.s3, aws_vpc_endpoint.dynamodb] :
      e.vpc_endpoint_type == "Gateway" && e.route_table_ids == toset(["rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"]) && e.vpc_id == var.vpc_id
    ])
    error_message = "The S3 and DynamoDB endpoints must be Gateway endpoints on every route table in route_table_ids."
  }
}
