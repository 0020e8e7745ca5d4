################################################################################
# Queues: hybrid workflows (FIFO) and the rate limiter, each with its DLQ.
# A message is moved to the DLQ after 5 receives (the seed's "DLQ: 5 retries").
################################################################################

locals {
  # AWS's rule for Lambda consumers: visibility timeout >= 6 x the function timeout, so a
  # batch that is retried inside the function never reappears in the queue meanwhile.
  rate_limiter_visibility_timeout_seconds = 6 * var.rate_limiter_timeout_seconds

  dlq_message_retention_seconds = 1209600

  # Told to the Lambda too (MAX_RECEIVES), which counts receives to decide on dead-lettering.
  max_receive_count = 5

  workflows_queue_arn    = "arn:${local.partition}:sqs:${local.region}:${local.account}:${local.names.workflows_queue}"
  rate_limiter_queue_arn = "arn:${local.partition}:sqs:${local.region}:${local.account}:${local.names.rate_limiter_queue}"
}

resource "aws_sqs_queue" "workflows_dlq" {
  name                        = local.names.workflows_dlq
  fifo_queue                  = true
  content_based_deduplication = true
  message_retention_seconds   = local.dlq_message_retention_seconds
  sqs_managed_sse_enabled     = true

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.workflows_queue_arn]
  })

  tags = local.tags
}

resource "aws_sqs_queue" "workflows" {
  name                        = local.names.workflows_queue
  fifo_queue                  = true
  content_based_deduplication = true
  deduplication_scope         = "messageGroup"
  fifo_throughput_limit       = "perMessageGroupId"
  visibility_timeout_seconds  = var.workflows_visibility_timeout_seconds
  message_retention_seconds   = var.queue_message_retention_seconds
  sqs_managed_sse_enabled     = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.workflows_dlq.arn
    maxReceiveCount     = 5
  })

  tags = local.tags
}

resource "aws_sqs_queue" "rate_limiter_dlq" {
  name                      = local.names.rate_limiter_dlq
  message_retention_seconds = local.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [local.rate_limiter_queue_arn]
  })

  tags = local.tags
}

resource "aws_sqs_queue" "rate_limiter" {
  name                       = local.names.rate_limiter_queue
  visibility_timeout_seconds = local.rate_limiter_visibility_timeout_seconds
  message_retention_seconds  = var.queue_message_retention_seconds
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.rate_limiter_dlq.arn
    maxReceiveCount     = 5
  })

  tags = local.tags
}
