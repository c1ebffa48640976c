package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.ecs.Service;

/**
 * What a deployment adds while it runs. A rolling (ECS) deployment may run up to desired ×
 * maximumPercent / 100 tasks, rounded down, and keeps desired × minimumHealthyPercent / 100,
 * rounded up; each extra task is one more network interface and one more IP address. A blue/green
 * (CODE_DEPLOY) deployment starts a whole replacement task set beside the original.
 */
final class DeploymentSurge {
  /** What ECS uses for a Fargate service whose deployment configuration leaves it out. */
  public static final int DEFAULT_MAXIMUM_PERCENT = 200;

  private DeploymentSurge() {}

  /** The most tasks a deployment runs at once. */
  public static int peakTasks(int desired, int maximumPercent) {
    if (desired <= 0) return 0;
    return Math.max(desired, (int) ((long) desired * maximumPercent / 100));
  }

  /** The fewest healthy tasks a rolling deployment keeps. */
  public static int minimumHealthyTasks(int desired, int minimumHealthyPercent) {
    if (desired <= 0) return 0;
    return (int) (((long) desired * minimumHealthyPercent + 99) / 100);
  }

  /** The maximumPercent that governs a service's deployments. */
  public static int maximumPercent(Service service) {
    String controller =
        service.deploymentController() == null ? null : service.deploymentController().type();
    if ("CODE_DEPLOY".equals(controller))
      return 200; // a full replacement task set beside the original
    Integer configured =
        service.deploymentConfiguration() == null
            ? null
            : service.deploymentConfiguration().maximumPercent();
    return configured == null || configured < 100 ? DEFAULT_MAXIMUM_PERCENT : configured;
  }

  /** Where the maximumPercent came from, for evidence. */
  public static String maximumPercentSource(Service service) {
    String controller =
        service.deploymentController() == null ? null : service.deploymentController().type();
    if ("CODE_DEPLOY".equals(controller)) return "blue/green: a full replacement task set";
    Integer configured =
        service.deploymentConfiguration() == null
            ? null
            : service.deploymentConfiguration().maximumPercent();
    return configured == null ? "ECS default" : "deploymentConfiguration";
  }
}
