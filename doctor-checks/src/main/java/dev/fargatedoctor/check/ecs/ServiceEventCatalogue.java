package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ECS service event message says: ECS's documented service event messages, the unhealthy
 * target forms, and the routine messages seen in every service's history (started, stopped,
 * registered, steady state), which are healthy. An event that carries a task's error ("failed to
 * launch a task with (error ...)", "was unable to place a task. Reason: ...") is classified by that
 * error, with the stopped-task catalogue.
 */
final class ServiceEventCatalogue {
  static final List<MessageForm> FORMS =
      List.of(
          MessageForm.of(
              Cause.HEALTHY,
              "has reached a steady state|has started \\d+ tasks|has stopped \\d+ running tasks"
                  + "|\\b(de)?registered \\d+ targets|has begun draining connections|deployment completed"
                  + "|updated computedDesiredCount|has updated its desired count"),
          MessageForm.of(Cause.ROLE_TRUST, "IAM trust relationship has been misconfigured"),
          MessageForm.of(
              Cause.ROLE_PERMISSIONS, "IAM permissions policies have been misconfigured"),
          MessageForm.of(Cause.UNSUPPORTED_AZ, "Reason: Internal error\\."),
          MessageForm.of(Cause.CAPACITY_UNAVAILABLE, "Capacity is unavailable at this time"),
          MessageForm.of(
              Cause.QUOTA,
              "limit on the number of (tasks|vCPUs) you can run concurrently"
                  + "|configuration is above your limit|tasks provisioning capacity limit was exceeded"),
          MessageForm.of(
              Cause.AGENT, "encountered error \"AGENT\"|Timed out waiting for Amazon ECS Agent"),
          MessageForm.of(
              Cause.INSTANCE_PLACEMENT,
              "no container instance met all of its requirements"
                  + "|No Container Instances were found in your capacity provider|closest matching container-instance"),
          MessageForm.of(
              Cause.PROTECTED_TASKS, "number of protected tasks are more than the desired count"),
          MessageForm.of(
              Cause.DEPLOYMENT_CONFIG, "because of the service deployment configuration"),
          MessageForm.of(
              Cause.START_THROTTLED, "is unable to consistently start tasks successfully"),
          MessageForm.of(Cause.API_THROTTLED, "operations are being throttled"),
          MessageForm.of(
              Cause.TARGET_GROUP_MISSING, "TARGET GROUP IS NOT FOUND|TARGET IS NOT FOUND"),
          MessageForm.of(
              Cause.ELB_HEALTH,
              "is unhealthy in \\((target-group|elb)\\b|is not healthy in target-group"),
          MessageForm.of(
              Cause.DEPLOYMENT_FAILED,
              "deployment failed|could not launch \\d+ tasks? for deployment"));

  // The error a failed launch or placement carries, classified like a stopped task's reason.
  private static final Pattern EMBEDDED =
      Pattern.compile(
          "failed to launch a task with \\(error (.*)\\)\\.?$|was unable to place a task\\. Reason: (.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  // Words of a failure, for messages no form knows.
  private static final Pattern FAILURE_WORDS =
      Pattern.compile(
          "unable|fail|error|unhealthy|not healthy|throttl|denied|exceeded|cannot|can't",
          Pattern.CASE_INSENSITIVE);

  private ServiceEventCatalogue() {}

  static Cause classify(String message) {
    if (message == null) return Cause.HEALTHY;
    Optional<MessageForm> direct = MessageForm.first(FORMS, message);
    if (direct.isPresent() && direct.get().cause() != Cause.DEPLOYMENT_FAILED)
      return direct.get().cause();
    Matcher m = EMBEDDED.matcher(message);
    if (m.find()) {
      String error = m.group(1) != null ? m.group(1) : m.group(2);
      Optional<Cause> inner = StopReasonCatalogue.classify(error);
      if (inner.isPresent()) return inner.get();
    }
    if (direct.isPresent()) return direct.get().cause();
    return FAILURE_WORDS.matcher(message).find() ? Cause.UNRECOGNIZED : Cause.HEALTHY;
  }
}
