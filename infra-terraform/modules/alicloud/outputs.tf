output "endpoint" {
  description = "Base URL of the API on the custom domain (null without one)."
  value       = var.custom_domain_name == null ? null : "https://${var.custom_domain_name}"
}

output "dns_cname_target" {
  description = "Where the custom domain's CNAME record must point (create it before applying the domain)."
  value       = "${local.account_id}.${local.region}.fc.aliyuncs.com"
}

output "function_names" {
  description = "Function name per entry of var.functions."
  value       = { for k, f in alicloud_fcv3_function.this : k => f.function_name }
}

output "routes" {
  description = "Path to function name, in the order the custom domain matches them."
  value       = [for r in local.routes : "${r.path} -> ${alicloud_fcv3_function.this[r.function].function_name}"]
}

output "model_uri" {
  description = "Model URI the functions read; publish bundles there with: train --model-uri <this>."
  value       = local.model_uri
}

output "model_bucket" {
  description = "OSS bucket of the model bundles and the function package."
  value       = alicloud_oss_bucket.models.bucket
}

output "redis_host" {
  description = "Private address of the Tair instance the functions connect to (the direct connection endpoint's host in direct mode), reachable from the functions' vSwitches."
  value       = local.redis_host
}

output "role_arn" {
  description = "RAM role the functions assume."
  value       = alicloud_ram_role.functions.arn
}

output "log_project" {
  description = "SLS project and logstore of the function logs."
  value       = "${alicloud_log_project.this.project_name}/${alicloud_log_store.functions.logstore_name}"
}
