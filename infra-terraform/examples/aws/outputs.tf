output "endpoint" {
  description = "Base URL of the API."
  value       = module.vitrine.endpoint
}

output "routes" {
  description = "Which function serves which route."
  value       = module.vitrine.routes
}

output "model_uri" {
  description = "Where to publish model bundles (train --model-uri)."
  value       = module.vitrine.model_uri
}
