package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.snapshot.ecs.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's rolling-deployment settings, with ECS's defaults filled in where the API left them
 * out.
 */
record DeploymentSettings(
    int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker, boolean rollback) {
  static final int DEFAULT_MINIMUM = 100;
  static final int DEFAULT_MAXIMUM = 200;

  static DeploymentSettings of(Service s) {
    Service.DeploymentConfiguration dc = s.deploymentConfiguration();
    Service.CircuitBreaker cb = dc == null ? null : dc.deploymentCircuitBreaker();
    return new DeploymentSettings(
        dc == null || dc.minimumHealthyPercent() == null
            ? DEFAULT_MINIMUM
            : dc.minimumHealthyPercent(),
        dc == null || dc.maximumPercent() == null ? DEFAULT_MAXIMUM : dc.maximumPercent(),
        cb != null && Boolean.TRUE.equals(cb.enable()),
        cb != null && Boolean.TRUE.equals(cb.rollback()));
  }

  /**
   * Rolling updates (the ECS controller) are what these settings govern; CodeDeploy and external
   * ones differ.
   */
  static boolean isRolling(Service s) {
    return s.deploymentController() == null
        || s.deploymentController().type() == null
        || "ECS".equals(s.deploymentController().type());
  }

  /** Tasks that must stay healthy: ECS rounds minimumHealthyPercent up. */
  int minimumHealthyTasks(int desired) {
    return (int) Math.ceil(desired * minimumHealthyPercent / 100.0);
  }

  /** Tasks that may run at once: ECS rounds maximumPercent down. */
  int maximumTasks(int desired) {
    return (int) Math.floor(desired * maximumPercent / 100.0);
  }

  /** The --deployment-configuration shorthand with these settings, changed as asked. */
  static String shorthand(int minimum, int maximum, boolean circuitBreaker, boolean rollback) {
    List<String> parts = new ArrayList<>();
    parts.add("deploymentCircuitBreaker={enable=" + circuitBreaker + ",rollback=" + rollback + "}");
    parts.add("maximumPercent=" + maximum);
    parts.add("minimumHealthyPercent=" + minimum);
    return String.join(",", parts);
  }
}
