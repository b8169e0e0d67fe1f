variable "region" {
  description = "AWS region, e.g. eu-central-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region looks like eu-central-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "vitrine"
}

variable "package_zip" {
  description = "Function package from deploy/package.sh, e.g. ../../../target/deploy/vitrine-lambda-native.zip."
  type        = string
}

variable "model_bucket_name" {
  description = "Globally unique name of the S3 bucket for model bundles."
  type        = string
}

variable "client_key_hashes" {
  description = "sha256:<hex> of each client API key (echo -n KEY | sha256sum)."
  type        = list(string)
}

variable "admin_key_hashes" {
  description = "sha256:<hex> of each admin API key."
  type        = list(string)
}

variable "tags" {
  description = "Tags of every resource (provider default tags)."
  type        = map(string)
  default     = { app = "vitrine" }
}

variable "cache_mode" {
  description = "serverless (ElastiCache Serverless) or cluster (node-based replication group, cluster mode enabled)."
  type        = string
  default     = "serverless"
}

variable "cache_ack_replicas" {
  description = "Replicas an event must reach before feedback answers 202 (vitrine.redis.ack-replicas); 1 with cache_mode cluster."
  type        = number
  default     = 0
}
