# A complete Vitrine deployment on AWS: a VPC with two private subnets (no internet route; S3 through the module's
# gateway endpoint) and the module.
#   deploy/package.sh                        # builds target/deploy/vitrine-lambda-<native|jvm>.zip
#   cd infra-terraform/examples/aws
#   terraform init && terraform apply -var-file=my.tfvars   # see terraform.tfvars.example

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.31.0"
    }
  }

  # The state holds no API key and no cache password (there is none); keep it in an encrypted backend all the same:
  # backend "s3" { bucket = "my-terraform-state" key = "vitrine.tfstate" region = "eu-central-1" encrypt = true }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = var.tags
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  cidr_block           = "10.50.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "${var.name_prefix}-vpc" }
}

resource "aws_subnet" "private" {
  count = 2

  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index + 1)
  availability_zone = data.aws_availability_zones.available.names[count.index]
  tags              = { Name = "${var.name_prefix}-private-${count.index + 1}" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name_prefix}-private" }
}

resource "aws_route_table_association" "private" {
  count = 2

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

module "vitrine" {
  source = "../../modules/aws"

  name_prefix = var.name_prefix
  # The same per-function configuration deploy/package.sh validates.
  functions         = yamldecode(file("${path.module}/../../../deploy/functions.yaml")).functions
  package_zip       = var.package_zip
  vpc_id            = aws_vpc.this.id
  subnet_ids        = aws_subnet.private[*].id
  route_table_ids   = [aws_route_table.private.id]
  model_bucket_name = var.model_bucket_name
  client_key_hashes = var.client_key_hashes
  admin_key_hashes  = var.admin_key_hashes
  # serverless (default) or cluster (node-based, cluster mode enabled); see infra-terraform/README.md.
  cache_mode         = var.cache_mode
  cache_ack_replicas = var.cache_ack_replicas
}
