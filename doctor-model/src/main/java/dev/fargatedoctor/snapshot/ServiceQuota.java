package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Service Quotas value in force for the account and region. {@code Source} says how it was found:
 * the applied value by code, by quota name when the code was refused, or AWS's default.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ServiceQuota(
    String serviceCode, String quotaCode, String quotaName, Double value, String source) {
  public static final String NETWORK_INTERFACES_CODE = "L-DF5E4CA3";
  public static final String NETWORK_INTERFACES_NAME = "Network interfaces per Region";
  public static final String FARGATE_ON_DEMAND_VCPU_CODE = "L-3032A538";
  public static final String FARGATE_ON_DEMAND_VCPU_NAME = "Fargate On-Demand vCPU resource count";
  public static final String FARGATE_SPOT_VCPU_CODE = "L-36FBB829";
  public static final String FARGATE_SPOT_VCPU_NAME = "Fargate Spot vCPU resource count";

  public static final String SOURCE_APPLIED = "applied";
  public static final String SOURCE_BY_NAME = "by-name";
  public static final String SOURCE_AWS_DEFAULT = "aws-default";
}
