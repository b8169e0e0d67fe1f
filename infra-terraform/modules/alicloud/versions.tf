terraform {
  required_version = ">= 1.5.0"

  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
      # alicloud_fcv3_* since 1.228.0, alicloud_ram_role.role_name/assume_role_policy_document since 1.252.0,
      # alicloud_fcv3_custom_domain.certificate_id (key never stored in state) since 1.290.0.
      version = ">= 1.290.0"
    }
  }
}
