package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What ECS's own words (service events, stopped reasons, container reasons) say about why tasks do
 * not start or stay up. Ordered: the first matching cause wins, most specific first.
 */
enum FailureCause {
  ROLE_TRUST("ECS cannot assume a role of the task definition (trust policy)",
      "unable to assume (the )?role|IAM trust relationship|assume the task IAM role"),
  ROLE_PERMISSIONS("a role lacks permissions (AccessDenied)",
      "AccessDenied|not authorized to perform|IAM permissions policies have been misconfigured"),
  ENI_LIMIT("no network interface could be created (ENI quota or subnet addresses)",
      "NetworkInterfaceLimitExceeded|Create Network Interface|InsufficientFreeAddressesInSubnet|ENI allocation"),
  IMAGE_PULL("the image cannot be pulled", "CannotPullContainer"),
  NETWORK_INIT("the task cannot reach ECR, Secrets Manager, SSM or CloudWatch Logs from its subnet",
      "ResourceInitializationError|connection issue between the task|i/o timeout|context deadline exceeded"),
  OUT_OF_MEMORY("containers are killed for exceeding their memory", "OutOfMemoryError"),
  ELB_HEALTH("tasks fail load-balancer health checks", "failed ELB health checks|is unhealthy in target-group"),
  CONTAINER_HEALTH("tasks fail their container health check", "failed container health checks"),
  CAPACITY("tasks cannot be placed (capacity or quota)",
      "unable to place a task|Capacity is unavailable|limit on the number of|above your limit"),
  DEPLOYMENT_CONFIG("the deployment configuration cannot make progress",
      "because of the service deployment configuration"),
  CONTAINER_EXIT("an essential container keeps exiting", "Essential container in task exited");

  private final String description;
  private final Pattern pattern;

  FailureCause(String description, String regex) {
    this.description = description;
    this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  String description() {
    return description;
  }

  static Optional<FailureCause> of(String message) {
    if (message == null) return Optional.empty();
    for (FailureCause c : values()) {
      if (c.pattern.matcher(message).find()) return Optional.of(c);
    }
    return Optional.empty();
  }

  /** The cause named most often across the messages, ties going to the more specific cause. */
  static Optional<FailureCause> dominant(List<String> messages) {
    int[] counts = new int[values().length];
    for (String m : messages) of(m).ifPresent(c -> counts[c.ordinal()]++);
    int best = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) best = i;
    }
    return best < 0 ? Optional.empty() : Optional.of(values()[best]);
  }
}
