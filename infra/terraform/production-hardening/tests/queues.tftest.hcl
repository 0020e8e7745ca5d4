# SQS (seed: queues): encryption at rest, dead-lettering after exactly 5 receives, FIFO
# queues dead-letter to a FIFO DLQ, and a Lambda-consumed queue hides a message for at
# least 6 x the function timeout (AWS's advice, or in-flight batches are delivered twice).

mock_provider "aws" {
  override_during = plan
  source          = "./tests/mocks"
}

run "queues_are_encrypted_and_dead_letter_after_five_receives" {
  command = plan

  assert {
    condition = alltrue([
      for q in [aws_sqs_queue.workflows, aws_sqs_queue.workflows_dlq, aws_sqs_queue.rate_limiter, aws_sqs_queue.rate_limiter_dlq] :
      q.sqs_managed_sse_enabled == true
    ])
    error_message = "Every queue must be encrypted at rest (sqs_managed_sse_enabled)."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.rate_limiter.redrive_policy).maxReceiveCount == 5 && jsondecode(aws_sqs_queue.workflows.redrive_policy).maxReceiveCount == 5
    error_message = "Queues must dead-letter after maxReceiveCount = 5 (seed); rate limiter: ${jsondecode(aws_sqs_queue.rate_limiter.redrive_policy).maxReceiveCount}, workflows: ${jsondecode(aws_sqs_queue.workflows.redrive_policy).maxReceiveCount}."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.rate_limiter.redrive_policy).deadLetterTargetArn == aws_sqs_queue.rate_limiter_dlq.arn
    error_message = "aws_sqs_queue.rate_limiter must dead-letter to aws_sqs_queue.rate_limiter_dlq."
  }

  assert {
    condition     = jsondecode(aws_sqs_queue.workflows.redrive_policy).deadLetterTargetArn == aws_sqs_queue.workflows_dlq.arn
    error_message = "aws_sqs_queue.workflows must dead-letter to aws_sqs_queue.workflows_dlq."
  }

  assert {
    condition     = aws_sqs_queue.workflows.fifo_queue == true && aws_sqs_queue.workflows_dlq.fifo_queue == true
    error_message = "The FIFO workflows queue needs a FIFO DLQ (SQS rejects a standard one)."
  }
}

run "visibility_timeout_is_at_least_six_lambda_timeouts" {
  command = plan

  variables {
    rate_limiter_timeout_seconds = 45
  }

  assert {
    condition     = aws_sqs_queue.rate_limiter.visibility_timeout_seconds >= 6 * aws_lambda_function.rate_limiter.timeout
    error_message = "aws_sqs_queue.rate_limiter visibility_timeout_seconds (${aws_sqs_queue.rate_limiter.visibility_timeout_seconds}) must be >= 6 x the rate-limiter Lambda timeout (${aws_lambda_function.rate_limiter.timeout})."
  }
}
