package dev.fargatedoctor.snapshot.ecs;

import dev.fargatedoctor.snapshot.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DescribeTaskDefinition result, reduced to what the checks read. Environment values are redacted.
 */
public record TaskDefinition(
    String taskDefinitionArn,
    String family,
    Integer revision,
    String status,
    String taskRoleArn,
    String executionRoleArn,
    String networkMode,
    String cpu,
    String memory,
    List<String> requiresCompatibilities,
    String pidMode,
    RuntimePlatform runtimePlatform,
    List<ContainerDefinition> containerDefinitions) {
  public TaskDefinition {
    requiresCompatibilities = Lists.of(requiresCompatibilities);
    containerDefinitions = Lists.of(containerDefinitions);
  }

  public record RuntimePlatform(String cpuArchitecture, String operatingSystemFamily) {}

  public record ContainerDefinition(
      String name,
      String image,
      Integer cpu,
      Integer memory,
      Integer memoryReservation,
      Boolean essential,
      List<EnvironmentVariable> environment,
      List<Secret> secrets,
      LogConfiguration logConfiguration,
      List<PortMapping> portMappings,
      HealthCheck healthCheck,
      LinuxParameters linuxParameters,
      Boolean readonlyRootFilesystem) {
    public ContainerDefinition {
      environment = Lists.of(environment);
      secrets = Lists.of(secrets);
      portMappings = Lists.of(portMappings);
    }

    /** ECS treats a container as essential unless told otherwise. */
    public boolean isEssential() {
      return essential == null || essential;
    }
  }

  /** A secret reference: valueFrom is an ARN or parameter name, never the secret itself. */
  public record Secret(String name, String valueFrom) {}

  public record LogConfiguration(String logDriver, Map<String, String> options) {
    public LogConfiguration {
      options = options == null ? Map.of() : Map.copyOf(options);
    }
  }

  public record PortMapping(Integer containerPort, Integer hostPort, String protocol) {}

  /**
   * A container health check. Its command is kept as its form only ({@code CMD}, {@code CMD-SHELL},
   * {@code NONE}) with every argument redacted: people put tokens and passwords there (`curl -u
   * admin:secret ...`), and no check reads it.
   */
  public record HealthCheck(
      List<String> command,
      Integer interval,
      Integer timeout,
      Integer retries,
      Integer startPeriod) {
    private static final List<String> FORMS = List.of("CMD", "CMD-SHELL", "NONE");

    public HealthCheck {
      command = redacted(Lists.of(command));
    }

    private static List<String> redacted(List<String> command) {
      if (command.isEmpty()) return command;
      List<String> kept = new ArrayList<>(command.size());
      for (int i = 0; i < command.size(); i++) {
        String arg = command.get(i);
        kept.add(i == 0 && FORMS.contains(arg) ? arg : EnvironmentVariable.MARKER);
      }
      return List.copyOf(kept);
    }
  }

  public record LinuxParameters(Boolean initProcessEnabled) {}
}
