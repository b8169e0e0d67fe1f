output "endpoint" {
  description = "Base URL of the API on the custom domain."
  value       = module.vitrine.endpoint
}

output "dns_cname_target" {
  description = "CNAME target for the custom domain."
  value       = module.vitrine.dns_cname_target
}

output "routes" {
  description = "Which function serves which path."
  value       = module.vitrine.routes
}

output "model_uri" {
  description = "Where to publish model bundles (train --model-uri)."
  value       = module.vitrine.model_uri
}
