# Inputs every test run starts from (a run's own `variables` block overrides them).
aws_account_id             = "123456789012"
vpc_id                     = "vpc-0123456789abcdef0"
private_subnet_ids         = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
route_table_ids            = ["rtb-0aaaaaaaaaaaaaaaa"]
rate_limiter_artifact_path = "tests/fixtures/rate-limiter-artifact"
