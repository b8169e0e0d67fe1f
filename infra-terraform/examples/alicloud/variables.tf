variable "region" {
  description = "Alibaba Cloud region, e.g. cn-hangzhou or ap-southeast-1 (custom.debian12 is not offered in every region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z0-9-]+$", var.region))
    error_message = "region looks like cn-hangzhou or ap-southeast-1."
  }
}

variable "zone_id" {
  description = "Zone of the vSwitch; it must offer both Function Compute and Tair, e.g. cn-hangzhou-h."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z0-9-]+-[a-z0-9]+$", var.zone_id))
    error_message = "zone_id looks like cn-hangzhou-h."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "vitrine"
}

variable "package_zip" {
  description = "Function package from deploy/package.sh, e.g. ../../../target/deploy/vitrine-fc-native.zip."
  type        = string
}

variable "model_bucket_name" {
  description = "Globally unique name of the OSS bucket for model bundles."
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

variable "custom_domain_name" {
  description = "HTTPS domain of the API; null for none. Its CNAME must point to the dns_cname_target output before it is applied (ICP filing needed in mainland China regions)."
  type        = string
  default     = null
}

variable "certificate_id" {
  description = "CAS certificate ID for custom_domain_name (upload the certificate to SSL Certificates Service first)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = { app = "vitrine" }
}

variable "redis_architecture" {
  description = "standard (master-replica) or cluster (shards)."
  type        = string
  default     = "standard"
}

variable "redis_instance_class" {
  description = "Tair instance class (a cluster class with redis_architecture cluster)."
  type        = string
  default     = "redis.master.small.default"
}

variable "redis_shard_count" {
  description = "Shards of a cloud-native cluster instance; null: the class decides."
  type        = number
  default     = null
}

variable "redis_cluster_connection" {
  description = "proxy or direct (Redis Cluster protocol to the shards)."
  type        = string
  default     = "proxy"
}

variable "redis_direct_endpoint" {
  description = "host:port of the direct connection endpoint, with redis_cluster_connection direct."
  type        = string
  default     = null
}

variable "redis_ack_replicas" {
  description = "Replicas an event must reach before feedback answers 202 (vitrine.redis.ack-replicas)."
  type        = number
  default     = 0
}
