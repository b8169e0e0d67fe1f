# A complete Vitrine deployment on Alibaba Cloud: a VPC with one vSwitch for the functions and Tair, and the module.
#   deploy/package.sh                        # builds target/deploy/vitrine-fc-<native|jvm>.zip
#   cd infra-terraform/examples/alicloud
#   terraform init && terraform apply -var-file=my.tfvars   # see terraform.tfvars.example

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.290.0"
    }
  }

  # The state holds no API key and, by default, no Redis password; keep it in an encrypted, access-controlled backend
  # all the same, e.g.:
  # backend "oss" { bucket = "my-terraform-state" prefix = "vitrine" region = "cn-hangzhou" encrypt = true }
}

provider "alicloud" {
  region = var.region
}

resource "alicloud_vpc" "this" {
  vpc_name   = "${var.name_prefix}-vpc"
  cidr_block = "10.40.0.0/16"
  tags       = var.tags
}

resource "alicloud_vswitch" "functions" {
  vswitch_name = "${var.name_prefix}-functions"
  vpc_id       = alicloud_vpc.this.id
  cidr_block   = "10.40.1.0/24"
  zone_id      = var.zone_id
  tags         = var.tags
}

resource "alicloud_security_group" "functions" {
  security_group_name = "${var.name_prefix}-functions"
  description         = "Vitrine functions"
  vpc_id              = alicloud_vpc.this.id
  tags                = var.tags
}

module "vitrine" {
  source = "../../modules/alicloud"

  name_prefix = var.name_prefix
  # The same per-function configuration deploy/package.sh validates.
  functions          = yamldecode(file("${path.module}/../../../deploy/functions.yaml")).functions
  package_zip        = var.package_zip
  vpc_id             = alicloud_vpc.this.id
  vswitch_ids        = [alicloud_vswitch.functions.id]
  security_group_id  = alicloud_security_group.functions.id
  model_bucket_name  = var.model_bucket_name
  client_key_hashes  = var.client_key_hashes
  admin_key_hashes   = var.admin_key_hashes
  custom_domain_name = var.custom_domain_name
  certificate_id     = var.certificate_id
  tags               = var.tags
  # standard (default) or cluster; a cluster in direct connection mode is used as a Redis Cluster (README).
  redis_architecture       = var.redis_architecture
  redis_instance_class     = var.redis_instance_class
  redis_shard_count        = var.redis_shard_count
  redis_cluster_connection = var.redis_cluster_connection
  redis_direct_endpoint    = var.redis_direct_endpoint
  redis_ack_replicas       = var.redis_ack_replicas
}
