package dev.fargatedoctor.agent.deploy;

import dev.fargatedoctor.agent.json.JsonWriter;
import java.util.regex.Pattern;

/**
 * Generates the agent's sidecar container definition for an ECS task definition on Fargate.
 *
 * <p>Public API for the CLI ({@code fargate-doctor agent task-definition}) and for {@code java -jar
 * doctor-agent.jar task-definition}:
 *
 * <ul>
 *   <li>{@link #containerDefinition(String, int, String, String, String)}: one element for {@code
 *       containerDefinitions};
 *   <li>{@link #taskDefinitionFragment(String, int, String, String, String)}: that element plus the
 *       task-level {@code "pidMode": "task"}, as {@code {"pidMode": "task", "containerDefinitions":
 *       [...]}} to merge into an existing task definition;
 *   <li>{@link #PID_MODE_NOTE}: the human explanation to print next to the JSON.
 * </ul>
 *
 * A null argument means the matching {@code DEFAULT_*}. Invalid arguments throw {@link
 * IllegalArgumentException} with a message fit for the user.
 *
 * <p>The container is not essential (the task keeps running if the agent stops), has no
 * portMappings (it serves on 127.0.0.1 inside the task's shared network namespace), a hard memory
 * limit so it cannot take the application's memory, a read-only root filesystem, and the awslogs
 * driver so its EMF lines become CloudWatch metrics. By default it runs as uid 0 with {@code
 * SYS_PTRACE}, which reading other containers' {@code /proc/<pid>/fd} requires; the {@code
 * ownerAttribution = false} overloads leave both out.
 */
final class SidecarDefinition {

  public static final String CONTAINER_NAME = "fargate-doctor-agent";
  public static final String DEFAULT_IMAGE = "fargate-doctor-agent:latest";
  public static final int DEFAULT_PORT = 9779;
  public static final String DEFAULT_LOG_GROUP = "/ecs/fargate-doctor-agent";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_STREAM_PREFIX = "fargate-doctor";

  /**
   * Hard memory limit of the sidecar container, MiB; the agent runs with -Xmx32m in well under
   * this.
   */
  public static final int MEMORY_MIB = 128;

  public static final String PID_MODE_NOTE =
      String.join(
          "\n",
          "Add the container to \"containerDefinitions\" and set \"pidMode\": \"task\" at the task-definition level",
          "(Fargate platform 1.4.0 or later). With pidMode task the agent sees every container's processes and can",
          "name the process that owns each socket; without it, it still sees all of the task's sockets (awsvpc tasks",
          "share one network namespace) but not their owners.",
          "The agent serves on 127.0.0.1 inside the task, so there are no portMappings: use ECS Exec into any container",
          "and curl http://127.0.0.1:<port>/health/detailed. It runs as uid 0 with the SYS_PTRACE capability, which",
          "reading other containers' /proc/<pid>/fd requires (use --unprivileged to drop both; owners are then only",
          "known for processes running as the agent's own uid).",
          "Create the log group before deploying: the EMF lines on stdout become CloudWatch metrics through the awslogs",
          "driver with no extra IAM permission. The image is built from doctor-agent/Dockerfile; push it to ECR and",
          "pass its URI as --image.");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern LOG_GROUP = Pattern.compile("[\\w./#-]{1,512}");
  private static final Pattern STREAM_PREFIX = Pattern.compile("[^:*]{1,512}");

  private SidecarDefinition() {}

  /** The container definition, with SYS_PTRACE and uid 0 so owners are known across containers. */
  public static String containerDefinition(
      String image, int port, String logGroup, String region, String streamPrefix) {
    return containerDefinition(image, port, logGroup, region, streamPrefix, true);
  }

  /** The container definition; {@code ownerAttribution = false} leaves out uid 0 and SYS_PTRACE. */
  public static String containerDefinition(
      String image,
      int port,
      String logGroup,
      String region,
      String streamPrefix,
      boolean ownerAttribution) {
    JsonWriter json = JsonWriter.pretty();
    writeContainer(json, image, port, logGroup, region, streamPrefix, ownerAttribution);
    return json.toString();
  }

  /** {@code {"pidMode": "task", "containerDefinitions": [<container>]}}. */
  public static String taskDefinitionFragment(
      String image, int port, String logGroup, String region, String streamPrefix) {
    return taskDefinitionFragment(image, port, logGroup, region, streamPrefix, true);
  }

  public static String taskDefinitionFragment(
      String image,
      int port,
      String logGroup,
      String region,
      String streamPrefix,
      boolean ownerAttribution) {
    JsonWriter json = JsonWriter.pretty().beginObject().field("pidMode", "task");
    json.name("containerDefinitions").beginArray();
    writeContainer(json, image, port, logGroup, region, streamPrefix, ownerAttribution);
    return json.endArray().endObject().toString();
  }

  private static void writeContainer(
      JsonWriter json,
      String image,
      int port,
      String logGroup,
      String region,
      String streamPrefix,
      boolean ownerAttribution) {
    String img = image == null ? DEFAULT_IMAGE : image.trim();
    String group = logGroup == null ? DEFAULT_LOG_GROUP : logGroup.trim();
    String reg = region == null ? DEFAULT_REGION : region.trim();
    String prefix = streamPrefix == null ? DEFAULT_STREAM_PREFIX : streamPrefix.trim();
    if (img.isEmpty() || img.length() > 255 || img.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "image must be a non-empty image reference without spaces");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    if (!LOG_GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException(
          "log group may contain letters, digits, '_', '-', '/', '.', '#'" + " (1-512 characters)");
    }
    if (!REGION.matcher(reg).matches()) {
      throw new IllegalArgumentException("region must look like us-east-1");
    }
    if (!STREAM_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "stream prefix must be 1-512 characters without ':' or '*'");
    }
    json.beginObject().field("name", CONTAINER_NAME).field("image", img).field("essential", false);
    if (ownerAttribution) {
      json.field("user", "0");
    }
    json.field("memory", MEMORY_MIB).field("readonlyRootFilesystem", true);
    json.name("environment")
        .beginArray()
        .beginObject()
        .field("name", "FARGATE_DOCTOR_AGENT_PORT")
        .field("value", Integer.toString(port))
        .endObject()
        .beginObject()
        .field("name", "FARGATE_DOCTOR_AGENT_BIND")
        .field("value", "127.0.0.1")
        .endObject()
        .endArray();
    if (ownerAttribution) {
      json.name("linuxParameters")
          .beginObject()
          .name("capabilities")
          .beginObject()
          .name("add")
          .beginArray()
          .value("SYS_PTRACE")
          .endArray()
          .endObject()
          .endObject();
    }
    json.name("logConfiguration")
        .beginObject()
        .field("logDriver", "awslogs")
        .name("options")
        .beginObject()
        .field("awslogs-group", group)
        .field("awslogs-region", reg)
        .field("awslogs-stream-prefix", prefix)
        .endObject()
        .endObject();
    json.endObject();
  }
}
