output "sqs_rate_limiter_queue_url" {
  description = "URL of the rate-limiter queue"
  value       = module.production_hardening.sqs_rate_limiter_queue_url
}

output "redis_encrypted_endpoint" {
  description = "Primary endpoint of the encrypted Redis"
  value       = module.production_hardening.redis_encrypted_endpoint
}

output "portal_role_arns" {
  description = "Roles for app-config.production.yaml"
  value = {
    read        = module.production_hardening.portal_read_role_arn
    remediation = module.production_hardening.portal_remediation_role_arn
  }
}

output "secret_arns" {
  description = "Secrets whose values are set out of band, and the Redis AUTH token"
  value       = module.production_hardening.secret_arns
}

output "portal_config" {
  description = "What the portal reads: npm run config:from-terraform -- outputs.json"
  value       = module.production_hardening.portal_config
}
