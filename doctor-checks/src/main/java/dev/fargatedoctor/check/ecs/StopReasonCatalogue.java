package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stopped task's stop code, stopped reason and container reasons and exit codes say about
 * why it stopped. The forms are ECS's documented stopped-task errors and the shapes seen in
 * practice (the agent's wording changed over the years, so patterns match the stable core). A
 * container reason outranks the task's reason: an OOM kill shows only on the container, while the
 * task just says an essential container exited.
 */
final class StopReasonCatalogue {
  // Ordered: specific forms first; the network forms come before the permission forms because a
  // timeout while fetching a secret is a path problem even when the text mentions the role.
  static final List<MessageForm> FORMS =
      List.of(
          MessageForm.of(
              Cause.ROLE_TRUST,
              "unable to assume (the )?role|IAM trust relationship|assume the task IAM role"),
          MessageForm.of(
              Cause.OUT_OF_MEMORY, "OutOfMemoryError|container killed due to memory usage"),
          MessageForm.of(Cause.ENI_QUOTA, "NetworkInterfaceLimitExceeded|network interface limit"),
          MessageForm.of(
              Cause.SUBNET_ADDRESSES,
              "InsufficientFreeAddressesInSubnet|Create Network Interface.* in subnet"
                  + "|free (IP )?addresses"),
          MessageForm.of(
              Cause.ENI_PROVISIONING,
              "Timeout waiting for (network interface|EphemeralStorage) provisioning"
                  + "|failed to configure ENI|attach network interface|^InternalError\\b|ENI allocation"),
          MessageForm.of(Cause.IMAGE_PULL_RATE_LIMIT, "toomanyrequests|pull rate limit"),
          MessageForm.of(
              Cause.IMAGE_PULL_NETWORK,
              "CannotPullContainer.*(request canceled|i/o timeout|context canceled"
                  + "|deadline exceeded|dial tcp|connection (refused|reset|issue)|no such host)"),
          MessageForm.of(
              Cause.IMAGE_PULL_DENIED,
              "CannotPullContainer.*(403|Forbidden|AccessDenied|denied|not authorized"
                  + "|httpReaderSeeker: failed open)"),
          MessageForm.of(
              Cause.IMAGE_NOT_FOUND,
              "CannotPullContainer.*(not ?found|404|manifest unknown|does not exist"
                  + "|name unknown)"),
          MessageForm.of(Cause.IMAGE_PULL, "CannotPullContainer"),
          MessageForm.of(
              Cause.NETWORK_PATH,
              "connection issue between the task|i/o timeout|context deadline exceeded"
                  + "|request canceled while waiting for connection|dial tcp|no such host"),
          MessageForm.of(
              Cause.ROLE_PERMISSIONS,
              "AccessDenied|not authorized to perform|is not authorized"
                  + "|IAM permissions policies have been misconfigured"),
          MessageForm.of(
              Cause.SECRET_NOT_FOUND,
              "can't find the specified secret|ResourceNotFoundException.*secret"
                  + "|ParameterNotFound|invalid parameters?:|retrieve the secret with ARN"),
          MessageForm.of(
              Cause.LOG_GROUP_MISSING,
              "log group does not exist|cannot find the Amazon CloudWatch log group"),
          MessageForm.of(
              Cause.LOGGING_CONFIG,
              "failed to (validate logger args|initialize logging driver)"
                  + "|awslogs-region is required"),
          MessageForm.of(Cause.EFS_MOUNT, "EFS utils|mount\\.nfs|EFS volume"),
          MessageForm.of(
              Cause.CONTAINER_START,
              "CannotStartContainerError|CannotCreateContainerError|exec format error"
                  + "|executable file not found"),
          MessageForm.of(
              Cause.ELB_HEALTH, "failed ELB health checks|is unhealthy in \\(?target-group"),
          MessageForm.of(Cause.CONTAINER_HEALTH, "failed container health checks"),
          MessageForm.of(Cause.CAPACITY_UNAVAILABLE, "Capacity is unavailable at this time"),
          MessageForm.of(
              Cause.INCOMPATIBLE_DEFINITION, "not compatible with the selected compute strategy"),
          MessageForm.of(Cause.SPOT_INTERRUPTION, "Spot Task was interrupted"),
          MessageForm.of(Cause.STOPPED_BY_SCHEDULER, "Scaling activity initiated by"),
          MessageForm.of(Cause.STOPPED_BY_USER, "stopped by user"),
          MessageForm.of(Cause.CONTAINER_EXIT, "Essential container in task exited"));

  private StopReasonCatalogue() {}

  /**
   * The cause of one message (a stopped reason, a container reason, an error embedded in an event).
   */
  static Optional<Cause> classify(String message) {
    return MessageForm.first(FORMS, message).map(MessageForm::cause);
  }

  /** The form a message matches, for tests that prove every form is reachable. */
  static Optional<MessageForm> form(String message) {
    return MessageForm.first(FORMS, message);
  }

  /**
   * Why a stopped task stopped: the most specific cause any of its messages names, else its stop
   * code.
   */
  static Cause classify(Task task) {
    List<String> messages = new ArrayList<>();
    task.containers().forEach(c -> messages.add(c.reason()));
    messages.add(task.stoppedReason());
    Optional<MessageForm> best = Optional.empty();
    for (String m : messages) {
      Optional<MessageForm> f = MessageForm.first(FORMS, m);
      if (f.isPresent() && (best.isEmpty() || FORMS.indexOf(f.get()) < FORMS.indexOf(best.get())))
        best = f;
    }
    Cause cause = best.map(MessageForm::cause).orElse(null);
    boolean userOrScheduler =
        "UserInitiated".equals(task.stopCode())
            || "ServiceSchedulerInitiated".equals(task.stopCode())
            || cause == Cause.STOPPED_BY_USER
            || cause == Cause.STOPPED_BY_SCHEDULER;
    // SIGKILL of a container that ended on its own; after a user or scheduler stop it is a missed
    // stop timeout.
    if ((cause == null || cause == Cause.CONTAINER_EXIT)
        && !userOrScheduler
        && exitedWith(task, 137)) return Cause.KILLED;
    if (cause != null) return cause;
    String code = task.stopCode() == null ? "" : task.stopCode();
    return switch (code) {
      case "UserInitiated" -> Cause.STOPPED_BY_USER;
      case "ServiceSchedulerInitiated" -> Cause.STOPPED_BY_SCHEDULER;
      case "SpotInterruption" -> Cause.SPOT_INTERRUPTION;
      case "TerminationNotice" -> Cause.TERMINATION_NOTICE;
      case "InfrastructureHealth" -> Cause.INFRASTRUCTURE;
      case "EssentialContainerExited" -> Cause.CONTAINER_EXIT;
      default -> Cause.UNRECOGNIZED;
    };
  }

  static boolean exitedWith(Task task, int code) {
    return task.containers().stream().anyMatch(c -> c.exitCode() != null && c.exitCode() == code);
  }
}
