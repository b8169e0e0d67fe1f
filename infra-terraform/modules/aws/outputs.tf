output "endpoint" {
  description = "Base URL of the API (HTTP API default endpoint)."
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "function_names" {
  description = "Function name per entry of var.functions."
  value       = { for k, f in aws_lambda_function.this : k => f.function_name }
}

output "routes" {
  description = "HTTP API route to function name."
  value       = { for r, fn in local.routes : r => aws_lambda_function.this[fn].function_name }
}

output "model_uri" {
  description = "Model URI the functions read; publish bundles there with: train --model-uri <this>."
  value       = local.model_uri
}

output "model_bucket" {
  description = "S3 bucket of the model bundles and the function package."
  value       = aws_s3_bucket.models.bucket
}

output "cache_endpoint" {
  description = "The cache's endpoint (TLS; Serverless endpoint or cluster configuration endpoint), reachable only from the functions' security group."
  value       = "rediss://${local.cache_endpoint.address}:${local.cache_endpoint.port}"
}

output "role_arn" {
  description = "IAM role the functions assume."
  value       = aws_iam_role.functions.arn
}
