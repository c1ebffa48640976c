package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition.ContainerDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real ids a cause's fix is filled from: the service, its task definition and the container the
 * message is about, and what the message itself names (a secret, a JSON key, a file system).
 */
final class FixValues {
  private static final Pattern ECR_IMAGE =
      Pattern.compile(
          "^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$");
  private static final Pattern SECRET_ARN =
      Pattern.compile("^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[^:]+)(:.*)?$");

  private FixValues() {}

  /** For a stopped task: its service when it has one, and the container whose reason spoke. */
  static Map<String, String> forTask(
      RegionView region,
      Optional<Service> service,
      Task task,
      String containerName,
      Optional<MessageReading> reading) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("region", region.name());
    v.put("cluster", Arns.lastSegment(task.clusterArn()));
    v.put("task", task.taskArn());
    v.put("taskDefinition", task.taskDefinitionArn());
    service.ifPresent(s -> fromService(region, s, v));
    if (service.isEmpty()) task.subnetId().ifPresent(id -> subnets(region, List.of(id), v));
    Optional<TaskDefinition> td = region.taskDefinition(task.taskDefinitionArn());
    fromTaskDefinition(region, td, containerName, reading, v);
    if (!v.containsKey("image")) {
      task.containers().stream()
          .filter(c -> containerName == null || containerName.equals(c.name()))
          .map(Task.Container::image)
          .filter(i -> i != null)
          .findFirst()
          .ifPresent(i -> image(i, v));
    }
    return v;
  }

  /** For a service event: the service and its newest task definition. */
  static Map<String, String> forService(
      RegionView region, Service service, Optional<MessageReading> reading) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("region", region.name());
    fromService(region, service, v);
    String taskDefinition =
        service
            .primaryDeployment()
            .map(Service.Deployment::taskDefinition)
            .orElse(service.taskDefinition());
    putIfPresent(v, "taskDefinition", taskDefinition);
    fromTaskDefinition(region, region.taskDefinition(taskDefinition), null, reading, v);
    return v;
  }

  private static void fromService(RegionView region, Service s, Map<String, String> v) {
    v.put("cluster", s.clusterName());
    v.put("service", s.serviceName());
    subnets(region, s.subnets(), v);
    s.loadBalancers().stream()
        .map(Service.LoadBalancer::targetGroupArn)
        .filter(a -> a != null)
        .findFirst()
        .ifPresent(a -> v.put("targetGroupArn", a));
  }

  private static void subnets(RegionView region, List<String> subnets, Map<String, String> v) {
    if (subnets.isEmpty()) return;
    v.put("subnets", String.join(",", subnets));
    region.subnet(subnets.get(0)).map(Subnet::vpcId).ifPresent(vpc -> v.put("vpc", vpc));
  }

  private static void fromTaskDefinition(
      RegionView region,
      Optional<TaskDefinition> td,
      String containerName,
      Optional<MessageReading> reading,
      Map<String, String> v) {
    reading.ifPresent(r -> v.putAll(r.values()));
    if (td.isEmpty()) return;
    putIfPresent(v, "executionRoleName", Arns.lastSegment(td.get().executionRoleArn()));
    List<ContainerDefinition> containers = td.get().containerDefinitions();
    Optional<ContainerDefinition> container =
        containers.stream()
            .filter(c -> containerName != null && containerName.equals(c.name()))
            .findFirst()
            .or(() -> containers.stream().filter(ContainerDefinition::isEssential).findFirst());
    container.ifPresent(
        c -> {
          v.put("container", c.name());
          if (c.image() != null) image(c.image(), v);
          if (c.logConfiguration() != null && "awslogs".equals(c.logConfiguration().logDriver())) {
            putIfPresent(v, "logGroup", c.logConfiguration().options().get("awslogs-group"));
            String logRegion = c.logConfiguration().options().get("awslogs-region");
            v.put("logRegion", logRegion == null ? region.name() : logRegion);
          }
        });
    if (!v.containsKey("secretArn")) secret(containers, v);
    String secretArn = v.get("secretArn");
    if (secretArn != null) {
      String[] parts = secretArn.split(":");
      v.put("secretRegion", parts.length > 3 && !parts[3].isBlank() ? parts[3] : region.name());
    }
  }

  // The secret a message is about: the one whose valueFrom asks for the JSON key the message
  // names, or the only Secrets Manager secret of the task definition.
  private static void secret(List<ContainerDefinition> containers, Map<String, String> v) {
    String key = v.get("jsonKey");
    List<String> arns =
        containers.stream()
            .flatMap(c -> c.secrets().stream())
            .map(TaskDefinition.Secret::valueFrom)
            .filter(s -> s != null && SECRET_ARN.matcher(s).matches())
            .toList();
    Optional<String> chosen =
        key == null
            ? Optional.empty()
            : arns.stream().filter(a -> a.contains(":" + key + ":")).findFirst();
    if (chosen.isEmpty() && arns.stream().map(FixValues::secretOf).distinct().count() == 1) {
      chosen = Optional.of(arns.get(0));
    }
    chosen.ifPresent(a -> v.put("secretArn", secretOf(a)));
  }

  private static String secretOf(String valueFrom) {
    Matcher m = SECRET_ARN.matcher(valueFrom);
    return m.matches() ? m.group(1) : valueFrom;
  }

  private static void image(String image, Map<String, String> v) {
    v.put("image", image);
    Matcher m = ECR_IMAGE.matcher(image);
    if (m.matches()) {
      v.put("repositoryName", m.group(3));
      v.put("imageRegion", m.group(2));
    }
  }

  private static void putIfPresent(Map<String, String> v, String key, String value) {
    if (value != null && !value.isBlank()) v.put(key, value);
  }
}
