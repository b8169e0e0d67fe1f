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
    be served by exactly one function; "all" serves every call. cpu and instance_concurrency are FC settings and are
    ignored here: a Lambda instance serves one request at a time and its CPU share follows memory_mb.
  EOT
  type = map(object({
    calls                = list(string)
    memory_mb            = number
    cpu                  = optional(number)
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
      f.memory_mb >= 128 && f.memory_mb <= 10240 && f.timeout_s >= 1 && f.timeout_s <= 900 &&
      (f.reserved_concurrency == null ? true : f.reserved_concurrency >= 0)
    ])
    error_message = "Lambda needs memory_mb 128..10240, timeout_s 1..900 and reserved_concurrency null or >= 0."
  }

  validation {
    condition     = alltrue([for k in keys(var.functions) : can(regex("^[a-z][a-z0-9-]{0,39}$", k))])
    error_message = "Function keys must be lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "package_zip" {
  description = "Path of the function package built by deploy/package.sh (target/deploy/vitrine-lambda-native.zip or vitrine-lambda-jvm.zip)."
  type        = string

  validation {
    condition     = endswith(var.package_zip, ".zip") && fileexists(var.package_zip)
    error_message = "package_zip must name an existing .zip file (run deploy/package.sh first)."
  }
}

variable "vpc_id" {
  description = "VPC of the functions and the ElastiCache Serverless cache."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (two or three Availability Zones) for the functions and the cache."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(var.subnet_ids) <= 3
    error_message = "Give two or three subnets in different Availability Zones."
  }
}

variable "route_table_ids" {
  description = "Route tables of those subnets; the S3 gateway endpoint is added to them (the functions have no internet route)."
  type        = list(string)

  validation {
    condition     = length(var.route_table_ids) >= 1
    error_message = "At least one route table is needed for the S3 gateway endpoint."
  }
}

variable "model_bucket_name" {
  description = "Name of the S3 bucket created for model bundles (and the function package under functions/); globally unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.model_bucket_name))
    error_message = "S3 bucket names are 3 to 63 lower-case letters, digits, dots or dashes."
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

variable "kms_key_arn" {
  description = "KMS key for the bucket and the cache; null uses S3-managed keys (SSE-S3) and the cache's AWS-owned key."
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

variable "cache_mode" {
  description = <<-EOT
    serverless (the default): ElastiCache Serverless, capacity by usage limits, no nodes to size; cluster: a node-based
    replication group with cluster mode enabled (cache_shards shards of one primary and cache_replicas_per_shard
    replicas, Multi-AZ failover), for steady traffic where nodes cost less than ECPUs or WAIT must reach a known
    number of replicas. Vitrine runs as a Redis Cluster client in both.
  EOT
  type        = string
  default     = "serverless"

  validation {
    condition     = contains(["serverless", "cluster"], var.cache_mode)
    error_message = "cache_mode must be serverless or cluster."
  }
}

variable "cache_node_type" {
  description = "cache_mode cluster: node type of every primary and replica."
  type        = string
  default     = "cache.t4g.small"
}

variable "cache_shards" {
  description = "cache_mode cluster: number of shards (node groups), each serving a share of the 16384 hash slots."
  type        = number
  default     = 3

  validation {
    condition     = var.cache_shards >= 1 && var.cache_shards <= 500
    error_message = "cache_shards must be 1..500."
  }
}

variable "cache_replicas_per_shard" {
  description = "cache_mode cluster: replicas of each shard's primary (1 or more for failover)."
  type        = number
  default     = 1

  validation {
    condition     = var.cache_replicas_per_shard >= 1 && var.cache_replicas_per_shard <= 5
    error_message = "cache_replicas_per_shard must be 1..5 (failover needs a replica)."
  }
}

variable "cache_node_engine_version" {
  description = "cache_mode cluster: engine version of the replication group (7.1 for redis, 7.2 or 8.0 for valkey)."
  type        = string
  default     = "7.1"
}

variable "cache_ack_replicas" {
  description = "vitrine.redis.ack-replicas: replicas that must have an event before feedback answers 202 (WAIT). 0 answers once the primary has it; 1 keeps acknowledged events through a primary's loss (cache_mode cluster with cache_replicas_per_shard >= 1; Serverless replicates on its own and its WAIT is not documented, keep 0 there)."
  type        = number
  default     = 0

  validation {
    condition     = var.cache_ack_replicas >= 0 && var.cache_ack_replicas <= 5
    error_message = "cache_ack_replicas must be 0..5."
  }
}

variable "cache_engine" {
  description = "ElastiCache engine: redis or valkey (both speak the Redis 7 protocol Vitrine uses)."
  type        = string
  default     = "redis"

  validation {
    condition     = contains(["redis", "valkey"], var.cache_engine)
    error_message = "cache_engine must be redis or valkey."
  }
}

variable "cache_major_engine_version" {
  description = "cache_mode serverless: major engine version of the cache (7 for redis, 7 or 8 for valkey)."
  type        = string
  default     = "7"
}

variable "cache_max_data_gb" {
  description = "Upper limit of the cache's data storage, GB."
  type        = number
  default     = 5

  validation {
    condition     = var.cache_max_data_gb >= 1 && var.cache_max_data_gb <= 5000
    error_message = "cache_max_data_gb must be 1..5000."
  }
}

variable "cache_max_ecpu_per_second" {
  description = "Upper limit of the cache's ElastiCache Processing Units per second."
  type        = number
  default     = 10000

  validation {
    condition     = var.cache_max_ecpu_per_second >= 1000 && var.cache_max_ecpu_per_second <= 15000000
    error_message = "cache_max_ecpu_per_second must be 1000..15000000."
  }
}

variable "lwa_layer_version" {
  description = "Version of the Lambda Web Adapter layer arn:aws:lambda:<region>:753240598075:layer:LambdaAdapterLayerX86:<version> (see awslabs/aws-lambda-web-adapter's README for the current one)."
  type        = number
  default     = 26
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the HTTP API accepts (all routes together, per stage)."
  type        = number
  default     = 1000
}

variable "throttling_burst_limit" {
  description = "Burst of requests the HTTP API accepts."
  type        = number
  default     = 2000
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the functions' and the API's logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "environment" {
  description = "Further environment of every function (Vitrine or Quarkus settings, e.g. VITRINE_RECOMMEND_CACHE_TTL)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : !startswith(k, "AWS_")])
    error_message = "Environment variables starting with AWS_ are reserved (the Lambda Web Adapter's are set by the module)."
  }
}

variable "tags" {
  description = "Tags of every resource that takes tags."
  type        = map(string)
  default     = {}
}
