# Fargate Doctor alarms for account 123456789012 in us-east-1 (fargate-doctor alarms --format terraform; AWS provider 6 or later)

variable "alarm_topic_arn" {
  type        = string
  description = "SNS topic every alarm and rule notifies. Its topic policy must let events.amazonaws.com call sns:Publish for the event rules."
}

data "aws_region" "current" {}

resource "aws_cloudwatch_metric_alarm" "eni_utilization80" {
  alarm_name          = "fargate-doctor-us-east-1-eni-80"
  alarm_description   = "Network interfaces of us-east-1 at 80 % of the Region quota (vpc/L-DF5E4CA3; 5000 when generated: 4000 interfaces). Tasks stay PENDING at the quota. Needs fargate-doctor watch --publish cloudwatch."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 80
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  treat_missing_data  = "missing"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id = "inuse"

    metric {
      namespace   = "FargateDoctor"
      metric_name = "NetworkInterfacesInUse"
      period      = 300
      stat        = "Maximum"
      dimensions = {
        Region = "us-east-1"
      }
    }
  }

  metric_query {
    id = "quota"

    metric {
      namespace   = "FargateDoctor"
      metric_name = "NetworkInterfacesQuota"
      period      = 300
      stat        = "Maximum"
      dimensions = {
        Region = "us-east-1"
      }
    }
  }

  metric_query {
    id          = "utilization"
    expression  = "100 * inuse / quota"
    label       = "ENI utilisation (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "eni_utilization90" {
  alarm_name          = "fargate-doctor-us-east-1-eni-90"
  alarm_description   = "Network interfaces of us-east-1 at 90 % of the Region quota (vpc/L-DF5E4CA3; 5000 when generated: 4500 interfaces). Tasks stay PENDING at the quota. Needs fargate-doctor watch --publish cloudwatch."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 90
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  treat_missing_data  = "missing"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id = "inuse"

    metric {
      namespace   = "FargateDoctor"
      metric_name = "NetworkInterfacesInUse"
      period      = 300
      stat        = "Maximum"
      dimensions = {
        Region = "us-east-1"
      }
    }
  }

  metric_query {
    id = "quota"

    metric {
      namespace   = "FargateDoctor"
      metric_name = "NetworkInterfacesQuota"
      period      = 300
      stat        = "Maximum"
      dimensions = {
        Region = "us-east-1"
      }
    }
  }

  metric_query {
    id          = "utilization"
    expression  = "100 * inuse / quota"
    label       = "ENI utilisation (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "production_api_memory" {
  alarm_name          = "fargate-doctor-production-api-memory"
  alarm_description   = "Memory of production/api above 80 % of its reservation: MemoryUtilized / MemoryReserved (Container Insights, megabytes). Needs Container Insights on cluster production (not set in the snapshot): aws ecs update-cluster-settings --cluster production --settings name=containerInsights,value=enabled"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "missing"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id = "utilized"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "MemoryUtilized"
      period      = 300
      stat        = "Average"
      dimensions = {
        ClusterName = "production"
        ServiceName = "api"
      }
    }
  }

  metric_query {
    id = "reserved"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "MemoryReserved"
      period      = 300
      stat        = "Average"
      dimensions = {
        ClusterName = "production"
        ServiceName = "api"
      }
    }
  }

  metric_query {
    id          = "memory"
    expression  = "100 * utilized / reserved"
    label       = "Memory utilisation (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "production_api_running" {
  alarm_name          = "fargate-doctor-production-api-running"
  alarm_description   = "Fewer tasks of production/api running than desired for 10 minutes (a deployment or scale-out that does not progress: read the service events). Needs Container Insights on cluster production (not set in the snapshot): aws ecs update-cluster-settings --cluster production --settings name=containerInsights,value=enabled"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 10
  datapoints_to_alarm = 10
  treat_missing_data  = "missing"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id = "running"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "RunningTaskCount"
      period      = 60
      stat        = "Average"
      dimensions = {
        ClusterName = "production"
        ServiceName = "api"
      }
    }
  }

  metric_query {
    id = "desired"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "DesiredTaskCount"
      period      = 60
      stat        = "Average"
      dimensions = {
        ClusterName = "production"
        ServiceName = "api"
      }
    }
  }

  metric_query {
    id          = "missing"
    expression  = "desired - running"
    label       = "Tasks missing"
    return_data = true
  }
}

resource "aws_cloudwatch_event_rule" "ecs_deployment_failed" {
  name          = "fargate-doctor-us-east-1-deployment-failed"
  description   = "ECS deployments that failed (sent for services with the deployment circuit breaker on)"
  event_pattern = <<-EOT
    {
      "source" : [ "aws.ecs" ],
      "detail-type" : [ "ECS Deployment State Change" ],
      "detail" : {
        "eventName" : [ "SERVICE_DEPLOYMENT_FAILED" ]
      }
    }
  EOT
}

resource "aws_cloudwatch_event_target" "ecs_deployment_failed" {
  rule      = aws_cloudwatch_event_rule.ecs_deployment_failed.name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn
}

resource "aws_cloudwatch_event_rule" "ecs_service_action" {
  name          = "fargate-doctor-us-east-1-service-action"
  description   = "ECS service actions of type WARN or ERROR (task placement, start impaired, task configuration)"
  event_pattern = <<-EOT
    {
      "source" : [ "aws.ecs" ],
      "detail-type" : [ "ECS Service Action" ],
      "detail" : {
        "eventType" : [ "WARN", "ERROR" ]
      }
    }
  EOT
}

resource "aws_cloudwatch_event_target" "ecs_service_action" {
  rule      = aws_cloudwatch_event_rule.ecs_service_action.name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn
}

resource "aws_cloudwatch_event_rule" "ec2_network_changes" {
  name          = "fargate-doctor-us-east-1-network-changes"
  description   = "Route, route table association, network ACL and NAT gateway changes (CloudTrail)"
  event_pattern = <<-EOT
    {
      "source" : [ "aws.ec2" ],
      "detail-type" : [ "AWS API Call via CloudTrail" ],
      "detail" : {
        "eventSource" : [ "ec2.amazonaws.com" ],
        "eventName" : [ "CreateRoute", "ReplaceRoute", "DeleteRoute", "DeleteRouteTable", "AssociateRouteTable", "DisassociateRouteTable", "ReplaceRouteTableAssociation", "CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "DeleteNetworkAclEntry", "ReplaceNetworkAclAssociation", "DeleteNetworkAcl", "CreateNatGateway", "DeleteNatGateway" ]
      }
    }
  EOT
}

resource "aws_cloudwatch_event_target" "ec2_network_changes" {
  rule      = aws_cloudwatch_event_rule.ec2_network_changes.name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn
}

resource "aws_cloudwatch_event_rule" "iam_trust_changes" {
  # IAM reports its API calls to EventBridge in us-east-1 only
  count         = data.aws_region.current.region == "us-east-1" ? 1 : 0
  name          = "fargate-doctor-task-role-trust-changes"
  description   = "Trust policy changes of the task and execution roles (IAM events arrive in us-east-1 only)"
  event_pattern = <<-EOT
    {
      "source" : [ "aws.iam" ],
      "detail-type" : [ "AWS API Call via CloudTrail" ],
      "detail" : {
        "eventSource" : [ "iam.amazonaws.com" ],
        "eventName" : [ "UpdateAssumeRolePolicy" ],
        "requestParameters" : {
          "roleName" : [ "api-execution", "api-task" ]
        }
      }
    }
  EOT
}

resource "aws_cloudwatch_event_target" "iam_trust_changes" {
  count     = data.aws_region.current.region == "us-east-1" ? 1 : 0
  rule      = aws_cloudwatch_event_rule.iam_trust_changes[0].name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn
}
