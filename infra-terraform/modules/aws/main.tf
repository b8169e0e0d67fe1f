# Vitrine on AWS: Lambda functions (one package, each function serving some calls) running the HTTP server behind the
# Lambda Web Adapter, an HTTP API in front, ElastiCache Serverless (TLS) in the VPC, model bundles in a private,
# versioned, encrypted S3 bucket reached through a gateway endpoint, and an IAM role scoped to that bucket.

data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  region    = data.aws_region.current.name
  partition = data.aws_partition.current.partition
  model_uri = "s3://${aws_s3_bucket.models.bucket}/${var.model_prefix}"
  lwa_layer = "arn:${local.partition}:lambda:${local.region}:753240598075:layer:LambdaAdapterLayerX86:${var.lwa_layer_version}"

  # HTTP API routes of each call; API Gateway prefers the most specific route, so order does not matter.
  call_routes = {
    "recommend" = ["POST /v1/recommend"]
    "ab-assign" = ["POST /v1/ab-assign"]
    "feedback"  = ["POST /v1/feedback"]
    "admin"     = ["ANY /v1/{proxy+}", "GET /q/openapi"]
    "all"       = ["$default"]
  }
  routes = merge([
    for name, f in var.functions : merge([
      for c in f.calls : { for r in local.call_routes[c] : r => name }
    ]...)
  ]...)

  # Serverless: its endpoint. Node-based cluster mode: the configuration endpoint, a seed the client reads the slot
  # map from (CLUSTER SLOTS); both are cluster mode enabled, so the client routes by slot either way.
  cache_endpoint = var.cache_mode == "serverless" ? {
    address = aws_elasticache_serverless_cache.redis[0].endpoint[0].address
    port    = aws_elasticache_serverless_cache.redis[0].endpoint[0].port
    } : {
    address = aws_elasticache_replication_group.redis[0].configuration_endpoint_address
    port    = 6379
  }

  # The module's settings win over var.environment.
  environment = merge(var.environment, {
    VITRINE_MODEL_URI            = local.model_uri
    VITRINE_STORAGE_S3_REGION    = local.region
    VITRINE_SECURITY_CLIENT_KEYS = join(",", var.client_key_hashes)
    VITRINE_SECURITY_ADMIN_KEYS  = join(",", var.admin_key_hashes)
    # TLS only; no password: the cache is reachable only from the functions' group. Both modes are Redis Cluster
    # (Serverless supports only cluster mode enabled), so Vitrine routes pipelines by hash slot.
    QUARKUS_REDIS_HOSTS        = "rediss://${local.cache_endpoint.address}:${local.cache_endpoint.port}"
    QUARKUS_REDIS_CLIENT_TYPE  = "cluster"
    VITRINE_REDIS_ACK_REPLICAS = tostring(var.cache_ack_replicas)
    # Lambda Web Adapter: the bootstrap listens on 8080; events go through once Vitrine is ready. Async init lets a
    # JVM start outlast Lambda's 10 s init phase.
    AWS_LWA_PORT                 = "8080"
    AWS_LWA_READINESS_CHECK_PATH = "/q/health/ready"
    AWS_LWA_ASYNC_INIT           = "true"
  })
}

# --- model bundles and the function package --------------------------------------------------------------------------

resource "aws_s3_bucket" "models" {
  bucket = var.model_bucket_name
  tags   = var.tags
}

resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "models" {
  bucket = aws_s3_bucket.models.id

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.models]
}

resource "aws_s3_bucket_policy" "models" {
  bucket = aws_s3_bucket.models.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.models.arn, "${aws_s3_bucket.models.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.models]
}

# Named by content, so that a new package is a new object; too large for a direct upload to Lambda (50 MB).
resource "aws_s3_object" "package" {
  bucket = aws_s3_bucket.models.id
  key    = "functions/vitrine-${filesha256(var.package_zip)}.zip"
  source = var.package_zip
  tags   = var.tags
}

# --- network: the functions reach only the cache and S3 ---------------------------------------------------------------

resource "aws_security_group" "functions" {
  name        = "${var.name_prefix}-functions"
  description = "Vitrine functions: egress to the cache and to S3 only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_security_group" "cache" {
  name        = "${var.name_prefix}-cache"
  description = "Vitrine cache: ingress from the functions only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "functions_to_cache" {
  security_group_id            = aws_security_group.functions.id
  description                  = "Redis over TLS (6379 primary, 6380 readers)"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6380
  referenced_security_group_id = aws_security_group.cache.id
}

resource "aws_vpc_security_group_egress_rule" "functions_to_s3" {
  security_group_id = aws_security_group.functions.id
  description       = "S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_functions" {
  security_group_id            = aws_security_group.cache.id
  description                  = "Redis over TLS from the Vitrine functions"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6380
  referenced_security_group_id = aws_security_group.functions.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  # Through this endpoint, only the model prefix can be read.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource  = ["${aws_s3_bucket.models.arn}/${var.model_prefix}/*"]
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:ListBucket"]
        Resource  = [aws_s3_bucket.models.arn]
      },
    ]
  })
  tags = merge(var.tags, { Name = "${var.name_prefix}-s3" })
}

# --- cache ----------------------------------------------------------------------------------------------------------

resource "aws_elasticache_serverless_cache" "redis" {
  count = var.cache_mode == "serverless" ? 1 : 0

  name                 = "${var.name_prefix}-cache"
  description          = "Vitrine features, event log, catalog"
  engine               = var.cache_engine
  major_engine_version = var.cache_major_engine_version
  subnet_ids           = var.subnet_ids
  security_group_ids   = [aws_security_group.cache.id]
  kms_key_id           = var.kms_key_arn

  cache_usage_limits {
    data_storage {
      maximum = var.cache_max_data_gb
      unit    = "GB"
    }
    ecpu_per_second {
      maximum = var.cache_max_ecpu_per_second
    }
  }

  snapshot_retention_limit = 7
  tags                     = var.tags
}

# Node-based, cluster mode enabled: shards of one primary and replicas each, failover to a replica in another AZ.
resource "aws_elasticache_subnet_group" "redis" {
  count = var.cache_mode == "cluster" ? 1 : 0

  name       = "${var.name_prefix}-cache"
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

# Cluster mode on, and no eviction: Vitrine's dedupe markers carry a TTL, so the default volatile-lru policy could
# evict them and a late retry would be counted twice; a full cache must refuse writes (feedback answers 503) instead.
resource "aws_elasticache_parameter_group" "redis" {
  count = var.cache_mode == "cluster" ? 1 : 0

  name   = "${var.name_prefix}-cache"
  family = "${var.cache_engine}${split(".", var.cache_node_engine_version)[0]}"

  parameter {
    name  = "cluster-enabled"
    value = "yes"
  }

  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = var.tags
}

resource "aws_elasticache_replication_group" "redis" {
  count = var.cache_mode == "cluster" ? 1 : 0

  replication_group_id       = "${var.name_prefix}-cache"
  description                = "Vitrine features, event log, catalog"
  engine                     = var.cache_engine
  engine_version             = var.cache_node_engine_version
  node_type                  = var.cache_node_type
  num_node_groups            = var.cache_shards
  replicas_per_node_group    = var.cache_replicas_per_shard
  parameter_group_name       = aws_elasticache_parameter_group.redis[0].name
  automatic_failover_enabled = true
  multi_az_enabled           = true
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  subnet_group_name          = aws_elasticache_subnet_group.redis[0].name
  security_group_ids         = [aws_security_group.cache.id]
  port                       = 6379
  snapshot_retention_limit   = 7
  tags                       = var.tags
}

# --- the functions' role: read the model prefix, write their logs, attach to the VPC ----------------------------------

resource "aws_iam_role" "functions" {
  name = "${var.name_prefix}-functions"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "functions" {
  name = "read-models-write-logs"
  role = aws_iam_role.functions.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "ReadModels"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["${aws_s3_bucket.models.arn}/${var.model_prefix}/*"]
      },
      {
        # Without list permission a missing object reads as "access denied" instead of "absent".
        Sid       = "ListModels"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = [aws_s3_bucket.models.arn]
        Condition = { StringLike = { "s3:prefix" = ["${var.model_prefix}/*"] } }
      },
      {
        # What Lambda needs to attach the functions to the VPC; EC2 offers no resource scoping for these.
        Sid    = "AttachToVpc"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = ["*"]
      },
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = [for g in aws_cloudwatch_log_group.functions : "${g.arn}:*"]
      },
      ], var.kms_key_arn == null ? [] : [{
        Sid      = "DecryptModels"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [var.kms_key_arn]
    }])
  })
}

# --- functions ------------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "functions" {
  for_each = var.functions

  name              = "/aws/lambda/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  for_each = var.functions

  function_name                  = "${var.name_prefix}-${each.key}"
  description                    = "Vitrine: ${join(", ", each.value.calls)}"
  role                           = aws_iam_role.functions.arn
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = ["x86_64"]
  memory_size                    = each.value.memory_mb
  timeout                        = each.value.timeout_s
  reserved_concurrent_executions = each.value.reserved_concurrency == null ? -1 : each.value.reserved_concurrency
  s3_bucket                      = aws_s3_object.package.bucket
  s3_key                         = aws_s3_object.package.key
  source_code_hash               = filebase64sha256(var.package_zip)
  layers                         = [local.lwa_layer]

  environment {
    variables = merge(local.environment, {
      VITRINE_FUNCTION_CALLS = join(",", each.value.calls)
    })
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.functions.id]
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.functions[each.key].name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.functions]
}

# --- HTTP API -------------------------------------------------------------------------------------------------------

resource "aws_apigatewayv2_api" "http" {
  name          = "${var.name_prefix}-api"
  protocol_type = "HTTP"
  description   = "Vitrine: recommend, feedback, ab-assign and the admin calls"
  tags          = var.tags
}

resource "aws_apigatewayv2_integration" "functions" {
  for_each = var.functions

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.this[each.key].invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = min(each.value.timeout_s * 1000 + 1000, 30000)
}

resource "aws_apigatewayv2_route" "calls" {
  for_each = local.routes

  api_id    = aws_apigatewayv2_api.http.id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.functions[each.value].id}"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${var.name_prefix}-api"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
  }

  # Request metadata only: the X-Api-Key header is never logged.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId = "$context.requestId"
      time      = "$context.requestTime"
      route     = "$context.routeKey"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      function  = "$context.integration.latency"
    })
  }

  tags = var.tags
}

resource "aws_lambda_permission" "http_api" {
  for_each = var.functions

  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
