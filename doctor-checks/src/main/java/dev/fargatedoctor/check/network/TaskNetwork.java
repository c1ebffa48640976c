package dev.fargatedoctor.check.network;

import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.List;

/**
 * Where a task sits: its subnet, its security groups, and whether it gets a public IP. A service
 * places tasks in each of its subnets, so it has one of these per subnet.
 */
public record TaskNetwork(String subnetId, List<String> securityGroups, boolean publicIp) {
  public TaskNetwork {
    securityGroups = List.copyOf(securityGroups);
  }

  public static List<TaskNetwork> of(Service service) {
    boolean publicIp =
        service.awsVpc().map(a -> "ENABLED".equalsIgnoreCase(a.assignPublicIp())).orElse(false);
    return service.subnets().stream()
        .map(s -> new TaskNetwork(s, service.securityGroups(), publicIp))
        .toList();
  }
}
