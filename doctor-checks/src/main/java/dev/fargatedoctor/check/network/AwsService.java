package dev.fargatedoctor.check.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * The AWS endpoints a Fargate task needs to start and run. Each can be reached through the internet
 * (NAT or internet gateway) or through a VPC endpoint: an interface endpoint with private DNS makes
 * the service's default hostname resolve to addresses inside the VPC; S3 also has a gateway
 * endpoint, reached through a prefix-list route.
 */
public enum AwsService {
  ECR_API("ecr.api", "ECR API (auth token, image manifests)"),
  ECR_DKR("ecr.dkr", "ECR registry (docker pull)"),
  S3("s3", "S3 (ECR image layers)"),
  LOGS("logs", "CloudWatch Logs"),
  SECRETS_MANAGER("secretsmanager", "Secrets Manager"),
  SSM("ssm", "SSM Parameter Store"),
  SSM_MESSAGES("ssmmessages", "SSM messages (ECS Exec)");

  private final String suffix;
  private final String description;

  AwsService(String suffix, String description) {
    this.suffix = suffix;
    this.description = description;
  }

  /** The VPC endpoint service name in a region, e.g. {@code com.amazonaws.us-east-1.ecr.dkr}. */
  public String endpointServiceName(String region) {
    return "com.amazonaws." + region + "." + suffix;
  }

  public String suffix() {
    return suffix;
  }

  public String description() {
    return description;
  }

  public static Optional<AwsService> forEndpointServiceName(String serviceName) {
    if (serviceName == null) return Optional.empty();
    return Arrays.stream(values())
        .filter(
            s ->
                serviceName.startsWith("com.amazonaws.")
                    && serviceName.endsWith("." + s.suffix)
                    && serviceName.split("\\.").length == 3 + s.suffix.split("\\.").length)
        .findFirst();
  }
}
