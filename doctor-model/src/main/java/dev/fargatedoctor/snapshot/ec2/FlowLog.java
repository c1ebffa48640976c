package dev.fargatedoctor.snapshot.ec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * DescribeFlowLogs entry: what is logged (VPC, subnet or ENI), where, and whether delivery works.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record FlowLog(
    String flowLogId,
    String resourceId,
    String trafficType,
    String logDestinationType,
    String logDestination,
    String logGroupName,
    String flowLogStatus,
    String deliverLogsStatus,
    String deliverLogsErrorMessage,
    String logFormat) {}
