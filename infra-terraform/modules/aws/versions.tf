terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # aws_elasticache_serverless_cache since 5.31; aws_vpc_security_group_*_rule since 5.0.
      version = ">= 5.31.0"
    }
  }
}
