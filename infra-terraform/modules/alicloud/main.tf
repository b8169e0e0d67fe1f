# Vitrine on Alibaba Cloud: Function Compute 3.0 functions (one package, each function serving some calls) behind an
# HTTPS custom domain, Tair (Redis) in the VPC, model bundles in a private, versioned, encrypted OSS bucket read through
# a least-privilege RAM role, and logs in SLS.

data "alicloud_account" "current" {}

data "alicloud_regions" "current" {
  current = true
}

data "alicloud_vswitches" "functions" {
  ids = var.vswitch_ids
}

locals {
  region      = data.alicloud_regions.current.regions[0].id
  account_id  = data.alicloud_account.current.id
  log_project = coalesce(var.log_project_name, "${var.name_prefix}-logs-${local.account_id}")
  model_uri   = "s3://${alicloud_oss_bucket.models.bucket}/${var.model_prefix}"

  # Paths each call is reached by; exact paths come before the catch-all admin routes.
  call_paths = {
    "recommend" = ["/v1/recommend"]
    "ab-assign" = ["/v1/ab-assign"]
    "feedback"  = ["/v1/feedback"]
    "admin"     = ["/v1/*", "/q/openapi"]
    "all"       = ["/*"]
  }
  routes = concat(
    flatten([for name, f in var.functions : [for c in f.calls : [for p in local.call_paths[c] : { function = name, path = p }] if !contains(["admin", "all"], c)]]),
    flatten([for name, f in var.functions : [for c in f.calls : [for p in local.call_paths[c] : { function = name, path = p }] if contains(["admin", "all"], c)]]),
  )

  # Standard instances and cluster instances in proxy mode look like one Redis (the proxy routes by slot); a cluster
  # in direct connection mode is a Redis Cluster: the client reads the slot map from the direct endpoint and routes.
  redis_direct = var.redis_architecture == "cluster" && var.redis_cluster_connection == "direct"
  redis_host   = local.redis_direct ? split(":", var.redis_direct_endpoint)[0] : alicloud_kvstore_instance.redis.connection_domain
  redis_port   = local.redis_direct ? split(":", var.redis_direct_endpoint)[1] : "6379"
  redis_uri    = var.redis_password == null ? "redis://${local.redis_host}:${local.redis_port}" : "redis://:${urlencode(var.redis_password)}@${local.redis_host}:${local.redis_port}"

  # The module's settings win over var.environment.
  environment = merge(var.environment, {
    VITRINE_MODEL_URI             = local.model_uri
    VITRINE_STORAGE_S3_ENDPOINT   = "https://s3.oss-${local.region}-internal.aliyuncs.com"
    VITRINE_STORAGE_S3_REGION     = local.region
    VITRINE_STORAGE_S3_PATH_STYLE = "false"
    VITRINE_SECURITY_CLIENT_KEYS  = join(",", var.client_key_hashes)
    VITRINE_SECURITY_ADMIN_KEYS   = join(",", var.admin_key_hashes)
    QUARKUS_REDIS_HOSTS           = local.redis_uri
    QUARKUS_REDIS_CLIENT_TYPE     = local.redis_direct ? "cluster" : "standalone"
    VITRINE_REDIS_ACK_REPLICAS    = tostring(var.redis_ack_replicas)
  })
}

# --- model bundles and the function package --------------------------------------------------------------------------

resource "alicloud_oss_bucket" "models" {
  bucket = var.model_bucket_name

  versioning {
    status = "Enabled"
  }

  server_side_encryption_rule {
    sse_algorithm     = var.model_bucket_kms_key_id == null ? "AES256" : "KMS"
    kms_master_key_id = var.model_bucket_kms_key_id
  }

  lifecycle_rule {
    id      = "expire-noncurrent-versions"
    enabled = true

    noncurrent_version_expiration {
      days = var.noncurrent_version_days
    }
  }

  tags = var.tags
}

resource "alicloud_oss_bucket_acl" "models" {
  bucket = alicloud_oss_bucket.models.bucket
  acl    = "private"
}

resource "alicloud_oss_bucket_public_access_block" "models" {
  bucket              = alicloud_oss_bucket.models.bucket
  block_public_access = true
}

# Named by content, so that a new package is a new object and the functions update.
resource "alicloud_oss_bucket_object" "package" {
  bucket = alicloud_oss_bucket.models.bucket
  key    = "functions/vitrine-${filesha256(var.package_zip)}.zip"
  source = var.package_zip
}

# --- logs ----------------------------------------------------------------------------------------------------------

resource "alicloud_log_project" "this" {
  project_name = local.log_project
  description  = "Vitrine function logs"
  tags         = var.tags
}

resource "alicloud_log_store" "functions" {
  project_name          = alicloud_log_project.this.project_name
  logstore_name         = "functions"
  retention_period      = var.log_retention_days
  shard_count           = 2
  auto_split            = true
  max_split_shard_count = 16
}

# --- the functions' role: read the model prefix, write their logs, nothing else --------------------------------------

resource "alicloud_ram_role" "functions" {
  role_name   = "${var.name_prefix}-functions"
  description = "Assumed by the Vitrine functions: reads model bundles, writes function logs."
  assume_role_policy_document = jsonencode({
    Version = "1"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = ["fc.aliyuncs.com"] }
    }]
  })
}

resource "alicloud_ram_policy" "functions" {
  policy_name = "${var.name_prefix}-functions"
  description = "Read the Vitrine model bundles under one prefix; deliver function logs to one logstore."
  policy_document = jsonencode({
    Version = "1"
    Statement = concat([
      {
        Effect   = "Allow"
        Action   = ["oss:GetObject"]
        Resource = ["acs:oss:*:*:${alicloud_oss_bucket.models.bucket}/${var.model_prefix}/*"]
      },
      {
        # Without list permission a missing object reads as "access denied" instead of "absent".
        Effect    = "Allow"
        Action    = ["oss:ListObjects"]
        Resource  = ["acs:oss:*:*:${alicloud_oss_bucket.models.bucket}"]
        Condition = { StringLike = { "oss:Prefix" = ["${var.model_prefix}/*"] } }
      },
      {
        Effect   = "Allow"
        Action   = ["log:PostLogStoreLogs"]
        Resource = ["acs:log:${local.region}:${local.account_id}:project/${alicloud_log_project.this.project_name}/logstore/${alicloud_log_store.functions.logstore_name}"]
      },
      ], var.model_bucket_kms_key_id == null ? [] : [{
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = ["acs:kms:${local.region}:${local.account_id}:key/${var.model_bucket_kms_key_id}"]
    }])
  })
}

resource "alicloud_ram_role_policy_attachment" "functions" {
  role_name   = alicloud_ram_role.functions.role_name
  policy_name = alicloud_ram_policy.functions.policy_name
  policy_type = "Custom"
}

# --- Tair (Redis) in the VPC, reachable only from the functions' vSwitches --------------------------------------------

resource "alicloud_kvstore_instance" "redis" {
  db_instance_name = "${var.name_prefix}-redis"
  instance_type    = "Redis"
  engine_version   = var.redis_engine_version
  instance_class   = var.redis_instance_class
  shard_count      = var.redis_architecture == "cluster" ? var.redis_shard_count : null
  payment_type     = "PostPaid"
  zone_id          = data.alicloud_vswitches.functions.vswitches[0].zone_id
  vswitch_id       = var.vswitch_ids[0]
  security_ips     = [for v in data.alicloud_vswitches.functions.vswitches : v.cidr_block]
  vpc_auth_mode    = var.redis_password == null ? "Close" : "Open"
  password         = var.redis_password
  config = {
    # Vitrine's event log and dedupe markers must not be evicted: a full Redis refuses writes (feedback answers 503).
    "maxmemory-policy" = "noeviction"
  }
  tags = var.tags

  lifecycle {
    precondition {
      condition     = !local.redis_direct || var.redis_direct_endpoint != null
      error_message = "redis_cluster_connection direct needs redis_direct_endpoint (host:port of the direct connection endpoint)."
    }
  }
}

# --- functions ------------------------------------------------------------------------------------------------------

resource "alicloud_fcv3_function" "this" {
  for_each = var.functions

  function_name        = "${var.name_prefix}-${each.key}"
  description          = "Vitrine: ${join(", ", each.value.calls)}"
  runtime              = "custom.debian12"
  handler              = "bootstrap" # not used by custom runtimes
  memory_size          = each.value.memory_mb
  cpu                  = each.value.cpu
  disk_size            = 512
  timeout              = each.value.timeout_s
  instance_concurrency = each.value.instance_concurrency
  role                 = alicloud_ram_role.functions.arn
  internet_access      = false

  code {
    oss_bucket_name = alicloud_oss_bucket.models.bucket
    oss_object_name = alicloud_oss_bucket_object.package.key
  }

  custom_runtime_config {
    command = ["/code/bootstrap"]
    port    = 9000

    # An instance gets requests once Vitrine is ready: Redis reachable, a model loaded or the fallback armed.
    health_check_config {
      http_get_url          = "/q/health/ready"
      initial_delay_seconds = 1
      period_seconds        = 1
      timeout_seconds       = 3
      failure_threshold     = 60
      success_threshold     = 1
    }
  }

  environment_variables = merge(local.environment, {
    VITRINE_FUNCTION_CALLS = join(",", each.value.calls)
  })

  vpc_config {
    vpc_id            = var.vpc_id
    vswitch_ids       = var.vswitch_ids
    security_group_id = var.security_group_id
  }

  log_config {
    project                 = alicloud_log_project.this.project_name
    logstore                = alicloud_log_store.functions.logstore_name
    enable_request_metrics  = true
    enable_instance_metrics = true
    log_begin_rule          = "DefaultRegex"
  }

  tags = var.tags

  depends_on = [alicloud_ram_role_policy_attachment.functions]
}

resource "alicloud_fcv3_concurrency_config" "this" {
  for_each = { for name, f in var.functions : name => f if f.reserved_concurrency != null }

  function_name        = alicloud_fcv3_function.this[each.key].function_name
  reserved_concurrency = each.value.reserved_concurrency
}

# Anonymous at the gateway: every /v1 call is authenticated by Vitrine's API keys.
resource "alicloud_fcv3_trigger" "http" {
  for_each = var.functions

  function_name = alicloud_fcv3_function.this[each.key].function_name
  trigger_name  = "http"
  trigger_type  = "http"
  qualifier     = "LATEST"
  trigger_config = jsonencode({
    authType           = "anonymous"
    methods            = ["GET", "POST", "PUT", "DELETE", "HEAD"]
    disableURLInternet = var.disable_default_urls
  })
}

resource "alicloud_fcv3_custom_domain" "api" {
  count = var.custom_domain_name == null ? 0 : 1

  custom_domain_name = var.custom_domain_name
  protocol           = "HTTPS"
  certificate_id     = var.certificate_id

  tls_config {
    min_version = "TLSv1.2"
    max_version = "TLSv1.3"
    # TLS 1.2 suites with forward secrecy and AEAD only (TLS 1.3 suites are not configurable).
    cipher_suites = [
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    ]
  }

  auth_config {
    auth_type = "anonymous"
  }

  route_config {
    dynamic "routes" {
      for_each = local.routes
      content {
        function_name = alicloud_fcv3_function.this[routes.value.function].function_name
        path          = routes.value.path
        qualifier     = "LATEST"
        methods       = ["GET", "POST", "PUT", "DELETE", "HEAD"]
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.certificate_id != null
      error_message = "custom_domain_name needs certificate_id (a CAS certificate) for HTTPS."
    }
  }

  depends_on = [alicloud_fcv3_trigger.http]
}
