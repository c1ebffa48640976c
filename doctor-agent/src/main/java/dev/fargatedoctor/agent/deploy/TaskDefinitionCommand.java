package dev.fargatedoctor.agent.deploy;

import java.io.PrintStream;

/**
 * {@code java -jar doctor-agent.jar task-definition [--image I] [--port P] [--log-group G]
 * [--region R] [--stream-prefix S] [--unprivileged] [--container-only]}: the JSON goes to stdout
 * (pipe it to jq or a file), the explanation to stderr.
 */
public final class TaskDefinitionCommand {

  static final String USAGE =
      String.join(
          "\n",
          "usage: task-definition [--image IMAGE] [--port PORT] [--log-group GROUP] [--region REGION]",
          "                       [--stream-prefix PREFIX] [--unprivileged] [--container-only]",
          "Prints the sidecar container definition (with the task-level \"pidMode\": \"task\" unless",
          "--container-only) to add to an ECS task definition.",
          "defaults: --image "
              + SidecarDefinition.DEFAULT_IMAGE
              + " --port "
              + SidecarDefinition.DEFAULT_PORT
              + " --log-group "
              + SidecarDefinition.DEFAULT_LOG_GROUP
              + " --region "
              + SidecarDefinition.DEFAULT_REGION
              + " --stream-prefix "
              + SidecarDefinition.DEFAULT_STREAM_PREFIX);

  private TaskDefinitionCommand() {}

  /** Runs the command; returns the process exit code (0 ok, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String image = null;
    String logGroup = null;
    String region = null;
    String prefix = null;
    int port = SidecarDefinition.DEFAULT_PORT;
    boolean ownerAttribution = true;
    boolean containerOnly = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--help":
          case "-h":
            out.println(USAGE);
            return 0;
          case "--unprivileged":
            ownerAttribution = false;
            continue;
          case "--container-only":
            containerOnly = true;
            continue;
          default:
            break;
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          value = args[++i];
        }
        switch (arg) {
          case "--image":
            image = value;
            break;
          case "--log-group":
            logGroup = value;
            break;
          case "--region":
            region = value;
            break;
          case "--stream-prefix":
            prefix = value;
            break;
          case "--port":
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("port must be a number");
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      String json =
          containerOnly
              ? SidecarDefinition.containerDefinition(
                  image, port, logGroup, region, prefix, ownerAttribution)
              : SidecarDefinition.taskDefinitionFragment(
                  image, port, logGroup, region, prefix, ownerAttribution);
      out.println(json);
      err.println(SidecarDefinition.PID_MODE_NOTE);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("task-definition: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }
}
