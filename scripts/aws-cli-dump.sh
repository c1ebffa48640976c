#!/usr/bin/env bash
# Dumps, with the aws CLI alone, everything `fargate-doctor scan --aws-cli-dir DIR` reads, for one
# region. Read-only: only describe/list/get calls. For someone who can run the aws CLI but not the
# tool against the account: send the directory (environment values of task definitions are in the
# ECS dumps as the CLI prints them; the importer redacts them, so review before sharing elsewhere).
#
# Usage: scripts/aws-cli-dump.sh DIR [aws options such as --profile P --region R]
# METRICS_HOURS (default 6) sets how many hours of metrics the trend checks get.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 DIR [--profile P] [--region R]" >&2
  exit 2
fi
dir=$1
shift
mkdir -p "$dir"
# dump FILE aws-arguments...: the file appears only when the command succeeded, so a refused call
# (AccessDenied, a service the region lacks) leaves no empty or half-written dump behind.
dump() {
  local file=$1
  shift
  if aws "$@" --output json > "$dir/.$file.tmp"; then
    mv "$dir/.$file.tmp" "$dir/$file"
  else
    rm -f "$dir/.$file.tmp"
    echo "skipped $file: aws $* failed (the scan will report it as not collected)" >&2
  fi
}

dump sts-get-caller-identity.json sts get-caller-identity "$@"
for what in vpcs subnets route-tables nat-gateways internet-gateways vpc-endpoints network-acls security-groups \
    network-interfaces flow-logs; do
  dump "ec2-describe-$what.json" ec2 "describe-$what" "$@"
done
dump ec2-describe-prefix-lists.json ec2 describe-prefix-lists "$@"
# CloudTrail: the last 24 h of route, route-table, network ACL and NAT gateway changes. LookupEvents
# takes one attribute per call and allows two calls per second; a refusal (AccessDenied, or an
# emulator without LookupEvents) would repeat for every name, so the first one ends the lookups.
since=$(date -u -d '24 hours ago' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v-24H +%Y-%m-%dT%H:%M:%SZ)
for event in CreateRoute ReplaceRoute DeleteRoute AssociateRouteTable DisassociateRouteTable \
    ReplaceRouteTableAssociation CreateNetworkAclEntry ReplaceNetworkAclEntry DeleteNetworkAclEntry \
    ReplaceNetworkAclAssociation DeleteNatGateway; do
  dump "cloudtrail-lookup-events.$event.json" cloudtrail lookup-events \
    --lookup-attributes "AttributeKey=EventName,AttributeValue=$event" --start-time "$since" "$@"
  [ -f "$dir/cloudtrail-lookup-events.$event.json" ] || break
  sleep 0.5
done
dump service-quotas-get-service-quota.vpc-L-DF5E4CA3.json \
  service-quotas get-service-quota --service-code vpc --quota-code L-DF5E4CA3 "$@"
dump service-quotas-get-service-quota.fargate-L-3032A538.json \
  service-quotas get-service-quota --service-code fargate --quota-code L-3032A538 "$@"
# Roles with their inline policies, and the documents of the managed policies in use in the account
# (attached somewhere, or a permissions boundary): the --query drops the ~1,000 AWS managed policies
# nobody here uses, so the file stays small.
dump iam-get-account-authorization-details.json iam get-account-authorization-details \
  --filter Role LocalManagedPolicy AWSManagedPolicy \
  --query '{RoleDetailList: RoleDetailList, Policies: Policies[?AttachmentCount > `0` || PermissionsBoundaryUsageCount > `0`]}' \
  "$@"

clusters=$(aws ecs list-clusters "$@" --query 'clusterArns[]' --output text)
if [ -n "$clusters" ]; then
  # shellcheck disable=SC2086
  dump ecs-describe-clusters.json ecs describe-clusters --clusters $clusters --include SETTINGS CONFIGURATIONS "$@"
fi
n=0
service_names=()
for cluster in $clusters; do
  name=${cluster##*/}
  services=$(aws ecs list-services --cluster "$cluster" "$@" --query 'serviceArns[]' --output text)
  for s in $services; do service_names+=("$name/${s##*/}"); done
  # DescribeServices takes at most 10 services per call.
  batch=()
  for s in $services; do
    batch+=("$s")
    if [ ${#batch[@]} -eq 10 ]; then
      n=$((n + 1)); dump "ecs-describe-services.$name.$n.json" ecs describe-services --cluster "$cluster" \
        --services "${batch[@]}" "$@"
      batch=()
    fi
  done
  if [ ${#batch[@]} -gt 0 ]; then
    n=$((n + 1)); dump "ecs-describe-services.$name.$n.json" ecs describe-services --cluster "$cluster" \
      --services "${batch[@]}" "$@"
  fi
  # ListTasks returns RUNNING tasks unless asked for STOPPED; DescribeTasks takes 100 per call.
  for status in RUNNING STOPPED; do
    tasks=$(aws ecs list-tasks --cluster "$cluster" --desired-status "$status" "$@" --query 'taskArns[]' --output text)
    batch=()
    for t in $tasks; do
      batch+=("$t")
      if [ ${#batch[@]} -eq 100 ]; then
        n=$((n + 1)); dump "ecs-describe-tasks.$name.$status.$n.json" ecs describe-tasks --cluster "$cluster" \
          --tasks "${batch[@]}" "$@"
        batch=()
      fi
    done
    if [ ${#batch[@]} -gt 0 ]; then
      n=$((n + 1)); dump "ecs-describe-tasks.$name.$status.$n.json" ecs describe-tasks --cluster "$cluster" \
        --tasks "${batch[@]}" "$@"
    fi
  done
done
# Every task definition the services, their deployments and the tasks use.
taskdefs=$(cat "$dir"/ecs-describe-services.*.json "$dir"/ecs-describe-tasks.*.json 2>/dev/null \
  | grep -Eo '"taskDefinition(Arn)?": *"arn:[^"]+"' | sed -E 's/.*"(arn:[^"]+)"$/\1/' | sort -u || true)
for td in $taskdefs; do
  label=$(printf '%s' "${td##*/}" | tr ':' '-')
  dump "ecs-describe-task-definition.$label.json" ecs describe-task-definition --task-definition "$td" "$@"
done

# Load balancers: target groups, their load balancers, and each group's target health. The health
# output does not name its target group, so the file's label is the group's name.
dump elbv2-describe-target-groups.json elbv2 describe-target-groups "$@"
dump elbv2-describe-load-balancers.json elbv2 describe-load-balancers "$@"
for tg in $(aws elbv2 describe-target-groups "$@" --query 'TargetGroups[].TargetGroupArn' --output text 2>/dev/null \
    || true); do
  tg_name=$(printf '%s' "$tg" | sed -E 's#.*:targetgroup/([^/]+)/.*#\1#')
  dump "elbv2-describe-target-health.$tg_name.json" elbv2 describe-target-health --target-group-arn "$tg" "$@"
done

# Metrics for the trend checks, with GetMetricData. GetMetricData answers with each query's Id and
# Label only, so the Label says what the series is: NAMESPACE|METRIC|STAT|PERIOD|Key=Value,...
hours=${METRICS_HOURS:-6}
end=$(date -u +%Y-%m-%dT%H:%M:00Z)
start=$(date -u -d "-$hours hours" +%Y-%m-%dT%H:%M:00Z 2>/dev/null || date -u -v-"$hours"H +%Y-%m-%dT%H:%M:00Z)
queries=()
query() { # NAMESPACE METRIC STAT PERIOD DIM1 VALUE1 DIM2 VALUE2 (dimensions sorted by name)
  queries+=("{\"Id\":\"m${#queries[@]}\",\"Label\":\"$1|$2|$3|$4|$5=$6,$7=$8\",\"MetricStat\":{\"Metric\":{"\
"\"Namespace\":\"$1\",\"MetricName\":\"$2\",\"Dimensions\":[{\"Name\":\"$5\",\"Value\":\"$6\"},"\
"{\"Name\":\"$7\",\"Value\":\"$8\"}]},\"Period\":$4,\"Stat\":\"$3\"}}")
}
for pair in "${service_names[@]+"${service_names[@]}"}"; do
  c=${pair%%/*}
  s=${pair#*/}
  query ECS/ContainerInsights MemoryUtilized Average 60 ClusterName "$c" ServiceName "$s"
  query ECS/ContainerInsights MemoryReserved Average 60 ClusterName "$c" ServiceName "$s"
  query AWS/ECS MemoryUtilization Average 60 ClusterName "$c" ServiceName "$s"
done
while read -r arn zones; do
  [ -n "${arn:-}" ] || continue
  lb=${arn#*:loadbalancer/}
  for az in $zones; do
    for metric in RequestCount HTTPCode_ELB_5XX_Count TargetConnectionErrorCount; do
      query AWS/ApplicationELB "$metric" Sum 300 AvailabilityZone "$az" LoadBalancer "$lb"
    done
    query AWS/ApplicationELB TargetResponseTime p99 300 AvailabilityZone "$az" LoadBalancer "$lb"
  done
done < <(aws elbv2 describe-load-balancers "$@" --query \
  "LoadBalancers[?Type=='application'].[LoadBalancerArn, join(' ', AvailabilityZones[].ZoneName)]" --output text \
  2>/dev/null || true)
# 250 queries per call keeps 6 hours of one-minute points under GetMetricData's 100,800 per call.
batch=0
for ((i = 0; i < ${#queries[@]}; i += 250)); do
  batch=$((batch + 1))
  file="$dir/.metric-queries.$batch.json"
  (IFS=,; printf '[%s]' "${queries[*]:i:250}") > "$file"
  dump "cloudwatch-get-metric-data.$batch.json" cloudwatch get-metric-data --metric-data-queries "file://$file" \
    --start-time "$start" --end-time "$end" --scan-by TimestampAscending "$@"
  rm -f "$file"
done

echo "wrote $(ls "$dir" | wc -l) dumps to $dir: fargate-doctor scan --aws-cli-dir $dir"
