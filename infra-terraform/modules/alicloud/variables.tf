variable "name_prefix" {
  description = "Prefix of every resource name (functions are named <prefix>-<function>)."
  type        = string
  default     = "vitrine"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.name_prefix))
    error_message = "name_prefix must be 2 to 20 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "functions" {
  description = <<-EOT
    The functions and the calls each serves, as in deploy/functions.yaml (pass
    yamldecode(file(".../deploy/functions.yaml")).functions). Every call (recommend, feedback, ab-assign, admin) must
    be served by exactly one function; "all" serves every call.
  EOT
  type = map(object({
    calls                = list(string)
    memory_mb            = number
    cpu                  = number
    instance_concurrency = optional(number, 1)
    reserved_concurrency = optional(number)
    timeout_s            = optional(number, 10)
  }))

  validation {
    condition = alltrue([
      for f in values(var.functions) : length(f.calls) > 0 && alltrue([
        for c in f.calls : contains(["recommend", "feedback", "ab-assign", "admin", "all"], c)
      ])
    ])
    error_message = "Each function needs calls from: recommend, feedback, ab-assign, admin, all."
  }

  validation {
    condition = alltrue([
      for c in ["recommend", "feedback", "ab-assign", "admin"] : length([
        for f in values(var.functions) : f if contains(f.calls, c) || contains(f.calls, "all")
      ]) == 1
    ])
    error_message = "Every call (recommend, feedback, ab-assign, admin) must be served by exactly one function."
  }

  validation {
    condition = alltrue([
      for f in values(var.functions) :
      f.memory_mb % 64 == 0 && f.memory_mb >= 128 && f.memory_mb <= 32768 &&
      f.cpu >= 0.05 && f.memory_mb / 1024 >= f.cpu && f.memory_mb / 1024 <= 4 * f.cpu
    ])
    error_message = "memory_mb must be a multiple of 64 (128..32768) and memory in GB 1 to 4 times cpu (FC)."
  }

  validation {
    condition = alltrue([
      for f in values(var.functions) :
      f.instance_concurrency >= 1 && f.instance_concurrency <= 200 && f.timeout_s >= 1 && f.timeout_s <= 86400
    ])
    error_message = "instance_concurrency must be 1..200 and timeout_s 1..86400."
  }

  validation {
    condition     = alltrue([for k in keys(var.functions) : can(regex("^[a-z][a-z0-9-]{0,39}$", k))])
    error_message = "Function keys must be lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "package_zip" {
  description = "Path of the function package built by deploy/package.sh (target/deploy/vitrine-fc-native.zip or vitrine-fc-jvm.zip)."
  type        = string

  validation {
    condition     = endswith(var.package_zip, ".zip") && fileexists(var.package_zip)
    error_message = "package_zip must name an existing .zip file (run deploy/package.sh first)."
  }
}

variable "vpc_id" {
  description = "VPC of the functions and the Tair (Redis) instance."
  type        = string
}

variable "vswitch_ids" {
  description = "vSwitches the functions attach to; the first one also hosts the Tair instance. Their CIDR blocks are the only entries of the Tair whitelist."
  type        = list(string)

  validation {
    condition     = length(var.vswitch_ids) >= 1
    error_message = "At least one vSwitch is needed."
  }
}

variable "security_group_id" {
  description = "Security group of the functions' network interfaces (egress to Tair on 6379 and to OSS over HTTPS)."
  type        = string
}

variable "model_bucket_name" {
  description = "Name of the OSS bucket created for model bundles (and the function package under functions/); globally unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.model_bucket_name))
    error_message = "OSS bucket names are 3 to 63 lower-case letters, digits or dashes, not starting or ending with a dash."
  }
}

variable "model_prefix" {
  description = "Key prefix of the model bundles in the bucket; the functions read s3://<bucket>/<prefix> and may read nothing else."
  type        = string
  default     = "vitrine"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]*$", var.model_prefix))
    error_message = "model_prefix is one path segment: letters, digits, dots, dashes, underscores."
  }
}

variable "model_bucket_kms_key_id" {
  description = "KMS key of the bucket's server-side encryption; null encrypts with OSS-managed keys (AES256)."
  type        = string
  default     = null
}

variable "noncurrent_version_days" {
  description = "Days an overwritten or deleted object version is kept (bucket versioning is on)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_days >= 1
    error_message = "noncurrent_version_days must be at least 1."
  }
}

variable "client_key_hashes" {
  description = "API keys for the public calls, each as sha256:<64 hex> of the key (echo -n KEY | sha256sum); raw keys never reach configuration or state."
  type        = list(string)

  validation {
    condition     = length(var.client_key_hashes) > 0 && alltrue([for k in var.client_key_hashes : can(regex("^sha256:[0-9a-f]{64}$", k))])
    error_message = "client_key_hashes must be sha256:<64 lower-case hex digits> values."
  }
}

variable "admin_key_hashes" {
  description = "API keys for the admin calls, same format as client_key_hashes."
  type        = list(string)

  validation {
    condition     = length(var.admin_key_hashes) > 0 && alltrue([for k in var.admin_key_hashes : can(regex("^sha256:[0-9a-f]{64}$", k))])
    error_message = "admin_key_hashes must be sha256:<64 lower-case hex digits> values."
  }
}

variable "redis_architecture" {
  description = <<-EOT
    standard (the default): one master with a replica, redis_instance_class e.g. redis.master.small.default. cluster:
    a cluster instance whose data is split over shards (redis_instance_class of a cluster class, e.g. a cloud-native
    cluster class such as redis.shard.small.2.ce with redis_shard_count, or a classic sharding class), for more
    memory or throughput than one shard gives.
  EOT
  type        = string
  default     = "standard"

  validation {
    condition     = contains(["standard", "cluster"], var.redis_architecture)
    error_message = "redis_architecture must be standard or cluster."
  }
}

variable "redis_shard_count" {
  description = "redis_architecture cluster, cloud-disk (cloud-native) instances: number of data shards (2 or more). null: the instance class decides."
  type        = number
  default     = null

  validation {
    condition     = var.redis_shard_count == null || try(var.redis_shard_count >= 2, false)
    error_message = "redis_shard_count must be null or at least 2."
  }
}

variable "redis_cluster_connection" {
  description = <<-EOT
    redis_architecture cluster: proxy (the default) connects through Tair's proxy, which routes by slot, so Vitrine
    uses a plain client (QUARKUS_REDIS_CLIENT_TYPE=standalone); direct connects to the shards themselves with the Redis
    Cluster protocol (QUARKUS_REDIS_CLIENT_TYPE=cluster): one hop less per round trip. Direct connection mode is chosen
    when a cloud-native cluster is created, or enabled on a classic cluster (console or ticket; TLS must be off); its
    endpoint then goes in redis_direct_endpoint.
  EOT
  type        = string
  default     = "proxy"

  validation {
    condition     = contains(["proxy", "direct"], var.redis_cluster_connection)
    error_message = "redis_cluster_connection must be proxy or direct."
  }
}

variable "redis_direct_endpoint" {
  description = "redis_cluster_connection direct: the instance's direct connection endpoint, host:port (console: Connection information, Direct connection). Required then."
  type        = string
  default     = null

  validation {
    condition     = var.redis_direct_endpoint == null || can(regex("^[A-Za-z0-9.-]+:[0-9]+$", var.redis_direct_endpoint))
    error_message = "redis_direct_endpoint must be host:port."
  }
}

variable "redis_ack_replicas" {
  description = "vitrine.redis.ack-replicas: replicas that must have an event before feedback answers 202 (WAIT). 0 (the default) answers once the master has it; 1 keeps acknowledged events through a master's failover, at the cost of a replication round trip per feedback call, where the instance accepts WAIT (not verified on Tair; an instance that refuses it makes every feedback call fail with 503)."
  type        = number
  default     = 0

  validation {
    condition     = var.redis_ack_replicas >= 0 && var.redis_ack_replicas <= 5
    error_message = "redis_ack_replicas must be 0..5."
  }
}

variable "redis_instance_class" {
  description = "Tair (Redis OSS-compatible) instance class, e.g. redis.master.small.default (1 GB, standard master-replica)."
  type        = string
  default     = "redis.master.small.default"
}

variable "redis_engine_version" {
  description = "Redis engine version of the Tair instance."
  type        = string
  default     = "7.0"

  validation {
    condition     = contains(["6.0", "7.0"], var.redis_engine_version)
    error_message = "Vitrine needs Redis 6.2 or newer: use 6.0 or 7.0 (Tair's 6.0 is 6.2-compatible)."
  }
}

variable "redis_password" {
  description = <<-EOT
    null (the default): password-free access inside the VPC (vpc_auth_mode Close), limited by the whitelist to the
    functions' vSwitches; no secret exists. A value: the instance requires it and the functions get it in
    QUARKUS_REDIS_HOSTS, which puts it in the Terraform state (keep state in an encrypted backend) and in the function
    configuration. 8 to 32 characters, three of: upper, lower, digit, special.
  EOT
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = var.redis_password == null || try(length(var.redis_password) >= 8 && length(var.redis_password) <= 32, false)
    error_message = "redis_password must be null or 8 to 32 characters."
  }
}

variable "custom_domain_name" {
  description = "HTTPS domain of the API (api.example.com). Create the CNAME to the dns_cname_target output first: FC checks it. null: no custom domain."
  type        = string
  default     = null
}

variable "certificate_id" {
  description = "ID of the domain's certificate in Alibaba Cloud SSL Certificates Service (CAS); the private key stays there and never enters the Terraform state. Required with custom_domain_name."
  type        = string
  default     = null
}

variable "disable_default_urls" {
  description = "Turn off the public default URLs of the HTTP triggers (*.fcapp.run), so that the custom domain is the only entry."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days SLS keeps the functions' logs."
  type        = number
  default     = 30

  validation {
    condition     = var.log_retention_days >= 1 && var.log_retention_days <= 3650
    error_message = "log_retention_days must be 1..3650."
  }
}

variable "log_project_name" {
  description = "Name of the SLS project for the logs (unique in the region); null: <prefix>-logs-<account id>."
  type        = string
  default     = null
}

variable "environment" {
  description = "Further environment of every function (Vitrine or Quarkus settings, e.g. VITRINE_RECOMMEND_CACHE_TTL). The FC_ prefix is reserved; all variables together are limited to 4 KB."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : !startswith(k, "FC_")])
    error_message = "Environment variables starting with FC_ are reserved by Function Compute."
  }
}

variable "tags" {
  description = "Tags of every resource that takes tags."
  type        = map(string)
  default     = {}
}
