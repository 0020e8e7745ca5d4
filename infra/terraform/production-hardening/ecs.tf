################################################################################
# Container Insights on the existing ECS clusters (seed: Day 5). The clusters are
# imported, not created (README: Importing existing resources).
################################################################################

resource "aws_ecs_cluster" "this" {
  for_each = toset(var.ecs_cluster_names)

  name = each.value

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  tags = local.tags
}
