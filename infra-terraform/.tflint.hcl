# TFLint for the modules and examples under infra-terraform (CI: .github/workflows/terraform.yml runs
# tflint --init, then tflint --chdir=<dir> --config=<this file> in each). There is no ruleset for the alicloud
# provider; its resources get the core rules only.
config {
  # Lint module calls with the values the examples pass (local modules only).
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "aws" {
  enabled = true
  version = "0.44.0"
  source  = "github.com/terraform-linters/tflint-ruleset-aws"
}

rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

rule "terraform_naming_convention" {
  enabled = true
}

rule "terraform_standard_module_structure" {
  enabled = true
}
