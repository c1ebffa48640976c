package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Service.Deployment;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment the circuit breaker (or ECS) gave up on: {@code rolloutState} FAILED with its {@code
 * rolloutStateReason}. The cause comes from the service events since the deployment began and the
 * stopped tasks of its task definition when ECS still shows them, and from the reason alone when it
 * does not. A rollback that already restored the previous revision makes it a warning; a failed
 * deployment left as the primary is a failure.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "DEPLOY-FAILED",
    title = "Deployment failed (circuit breaker gave up)",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASKS})
public final class DeploymentFailed implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().services(), Resource::service, service -> judgeService(ctx, service));
  }

  private static List<Finding> judgeService(CheckContext ctx, Service service) {
    List<Deployment> failed =
        service.deployments().stream().filter(d -> "FAILED".equals(d.rolloutState())).toList();
    if (failed.isEmpty()) {
      return service.deployments().isEmpty()
          ? List.of()
          : List.of(
              ctx.finding(Resource.service(service))
                  .pass("no failed deployment of " + service.serviceName())
                  .build());
    }
    return failed.stream().map(d -> finding(ctx, service, d)).toList();
  }

  private static Finding finding(CheckContext ctx, Service service, Deployment d) {
    RegionView region = ctx.region();
    Optional<Deployment> replacement = rolledBackTo(service, d);
    List<Task> stopped = stoppedTasksOf(region, service, d);
    Optional<DeploymentCause> found = DeploymentCause.of(service, stopped, d.createdAt());
    // Without events or stopped tasks left to read, the rollout state's reason is all there is.
    MessageReading reason =
        MessageCatalogue.get().readEvent(d.rolloutStateReason(), Scope.of(service.serviceArn()));
    Cause cause = found.map(DeploymentCause::cause).orElse(reason.cause());
    Optional<MessageReading> message =
        found.map(DeploymentCause::message).orElse(Optional.of(reason));
    String title =
        "deployment "
            + d.id()
            + " of "
            + service.serviceName()
            + " failed"
            + replacement.map(r -> " and was rolled back").orElse("")
            + ": "
            + MessageEvidence.describe(cause, message);
    // Each failed deployment of a service is its own finding.
    FindingBuilder f = ctx.finding(Resource.service(service)).aspect(d.id());
    if (replacement.isPresent()) {
      f.warn(title).severity(Severity.MEDIUM);
    } else {
      f.fail(title)
          .severity(cause.isUnrecognized() ? Severity.HIGH : atLeastHigh(cause.severity()));
    }
    f.evidence("deployment", d.id())
        .evidence("task definition", d.taskDefinition())
        .evidence("rollout state", d.rolloutState())
        .evidence("rollout state reason", d.rolloutStateReason())
        .evidence("failed tasks", d.failedTasks())
        .evidence("created", Timestamps.iso(d.createdAt()))
        .evidence(
            "rolled back to",
            replacement
                .map(r -> r.taskDefinition() + " (" + r.id() + ", " + r.rolloutState() + ")")
                .orElse(null))
        .evidence("cause", cause.description())
        .evidence(
            "cause read from",
            found.isPresent() ? "service events and stopped tasks" : "the rollout state reason");
    MessageEvidence.add(f, cause, message);
    found
        .flatMap(DeploymentCause::task)
        .ifPresent(t -> MessageEvidence.addTask(f, t, found.get().container()));
    Map<String, String> values =
        found
            .map(c -> StuckDeployment.fixValues(region, service, c))
            .orElseGet(() -> FixValues.forService(region, service, message));
    values.put("taskDefinition", d.taskDefinition());
    String text = MessageEvidence.fixText(cause, values);
    if (replacement.isEmpty()) {
      text +=
          " The failed deployment is still the service's primary: deploy a fixed revision, or roll"
              + " back to the last one that worked.";
    }
    f.fix(
        text,
        MessageEvidence.commands(
            cause,
            values,
            AwsCommand.of("ecs", "describe-services")
                .opt("--cluster", service.clusterName())
                .opt("--services", service.serviceName())
                .opt("--query", "services[0].deployments")
                .region(region.name())));
    return f.build();
  }

  // The deployment the circuit breaker rolled back to: a newer one of another task definition.
  private static Optional<Deployment> rolledBackTo(Service service, Deployment failed) {
    Instant since = failed.createdAt() == null ? Instant.EPOCH : failed.createdAt();
    return service.deployments().stream()
        .filter(d -> d != failed && !"FAILED".equals(d.rolloutState()))
        .filter(
            d -> d.taskDefinition() != null && !d.taskDefinition().equals(failed.taskDefinition()))
        .filter(d -> d.createdAt() == null || !d.createdAt().isBefore(since))
        .max(Comparator.comparing(d -> d.createdAt() == null ? Instant.EPOCH : d.createdAt()));
  }

  // The stopped tasks of the failed revision when ECS still shows any, else all of the service's.
  private static List<Task> stoppedTasksOf(RegionView region, Service service, Deployment d) {
    List<Task> stopped = region.tasksOf(service).stream().filter(Task::isStopped).toList();
    List<Task> ofRevision =
        stopped.stream()
            .filter(
                t -> d.taskDefinition() != null && d.taskDefinition().equals(t.taskDefinitionArn()))
            .toList();
    return ofRevision.isEmpty() ? stopped : ofRevision;
  }

  private static Severity atLeastHigh(Severity s) {
    return s.ordinal() < Severity.HIGH.ordinal() ? s : Severity.HIGH;
  }
}
