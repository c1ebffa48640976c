package dev.fargatedoctor.flows;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The flow-log record fields the analyses read, by AWS's names (versions 2 to 7). A format may
 * carry others (later versions add some): they are skipped, not refused.
 */
public enum Field {
  VERSION("version", 2),
  ACCOUNT_ID("account-id", 2),
  INTERFACE_ID("interface-id", 2),
  SRCADDR("srcaddr", 2),
  DSTADDR("dstaddr", 2),
  SRCPORT("srcport", 2),
  DSTPORT("dstport", 2),
  PROTOCOL("protocol", 2),
  PACKETS("packets", 2),
  BYTES("bytes", 2),
  START("start", 2),
  END("end", 2),
  ACTION("action", 2),
  LOG_STATUS("log-status", 2),
  VPC_ID("vpc-id", 3),
  SUBNET_ID("subnet-id", 3),
  INSTANCE_ID("instance-id", 3),
  TCP_FLAGS("tcp-flags", 3),
  TYPE("type", 3),
  PKT_SRCADDR("pkt-srcaddr", 3),
  PKT_DSTADDR("pkt-dstaddr", 3),
  REGION("region", 4),
  AZ_ID("az-id", 4),
  SUBLOCATION_TYPE("sublocation-type", 4),
  SUBLOCATION_ID("sublocation-id", 4),
  PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5),
  PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5),
  FLOW_DIRECTION("flow-direction", 5),
  TRAFFIC_PATH("traffic-path", 5),
  ECS_CLUSTER_ARN("ecs-cluster-arn", 7),
  ECS_CLUSTER_NAME("ecs-cluster-name", 7),
  ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7),
  ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7),
  ECS_CONTAINER_ID("ecs-container-id", 7),
  ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7),
  ECS_SERVICE_NAME("ecs-service-name", 7),
  ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7),
  ECS_TASK_ARN("ecs-task-arn", 7),
  ECS_TASK_ID("ecs-task-id", 7);

  private static final Map<String, Field> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(Field::awsName, Function.identity()));

  private final String awsName;
  private final int version;

  Field(String awsName, int version) {
    this.awsName = awsName;
    this.version = version;
  }

  /** The name in a format string ({@code ${tcp-flags}}) and in an S3 file's header line. */
  public String awsName() {
    return awsName;
  }

  /** The column name Athena tables use: dashes become underscores. */
  public String column() {
    return awsName.replace('-', '_');
  }

  public int version() {
    return version;
  }

  /** The column type in an Athena (Hive) table; every other field is a string. */
  public String hiveType() {
    return switch (this) {
      case VERSION, SRCPORT, DSTPORT, TCP_FLAGS, TRAFFIC_PATH -> "int";
      case PROTOCOL, PACKETS, BYTES, START, END -> "bigint";
      default -> "string";
    };
  }

  public static Optional<Field> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
