package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Durations;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Service.Deployment;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A primary deployment that has been IN_PROGRESS longer than the threshold with fewer tasks running
 * than desired. Deployment tools only say "In Progress"; the reason is in the service events and in
 * the stopped tasks, so the evidence carries both and names the probable cause.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "DEPLOY-STUCK",
    title = "Deployment stuck below its desired count",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASKS})
public final class StuckDeployment implements Check {
  private static final int EVENTS_SHOWN = 5;

  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().services(), Resource::service, service -> judgeService(ctx, service));
  }

  private static List<Finding> judgeService(CheckContext ctx, Service service) {
    Optional<Deployment> primary = service.primaryDeployment();
    if (primary.isEmpty()) return List.of();
    Deployment d = primary.get();
    int desired = nz(d.desiredCount());
    int running = nz(d.runningCount());
    Resource resource = Resource.service(service);
    if ("FAILED".equals(d.rolloutState())) return List.of(); // a finished failure, not a hang
    if (running >= desired || "COMPLETED".equals(d.rolloutState())) {
      return List.of(
          ctx.finding(resource)
              .pass("deployment at desired count (" + running + "/" + desired + ")")
              .evidence("deployment", d.id())
              .build());
    }
    Instant since = d.createdAt() != null ? d.createdAt() : d.updatedAt();
    FindingBuilder f =
        ctx.finding(resource)
            .evidence(
                "deployment",
                Fact.of(
                    d.id()
                        + " ("
                        + (d.rolloutState() == null ? "no rollout state" : d.rolloutState())
                        + ")",
                    d.id()))
            .fact("rolloutState", d.rolloutState())
            .evidence("task definition", d.taskDefinition())
            .fact("running", running)
            .fact("desired", desired)
            .fact("serviceRunning", service.runningCount())
            .fact("serviceDesired", service.desiredCount())
            .evidence(
                "running / desired",
                "runningOfDesired",
                Fact.of(
                    running
                        + " / "
                        + desired
                        + " in this deployment; service "
                        + nz(service.runningCount())
                        + " / "
                        + nz(service.desiredCount()),
                    null))
            .evidence("pending", d.pendingCount())
            .evidence("failed tasks", d.failedTasks());
    if (since == null) {
      return List.of(
          f.unknown(
                  "deployment below desired count ("
                      + running
                      + "/"
                      + desired
                      + ") for an unknown time: "
                      + "no timestamps")
              .build());
    }
    Duration age = Duration.between(since, ctx.now());
    f.evidence("in progress for", age);
    long threshold = ctx.thresholds().stuckDeploymentMinutes();
    if (age.toMinutes() < threshold) {
      return List.of(
          f.pass(
                  "deployment in progress for "
                      + Durations.human(age)
                      + " (stuck after "
                      + threshold
                      + " min)")
              .build());
    }
    List<Fact> events = recentProblemEvents(service);
    List<Task> stopped = ctx.region().tasksOf(service).stream().filter(Task::isStopped).toList();
    Map<String, Integer> stops = stoppedReasons(stopped);
    List<Fact> stopLines =
        stops.entrySet().stream()
            .map(
                e ->
                    Fact.line(
                        e.getValue() + " × " + e.getKey(),
                        "tasks",
                        e.getValue(),
                        "reason",
                        e.getKey()))
            .toList();
    Optional<DeploymentCause> found = DeploymentCause.of(service, stopped, since);
    Optional<Cause> cause = found.map(DeploymentCause::cause);
    f.fail(
            "deployment of "
                + service.serviceName()
                + " stuck at "
                + running
                + "/"
                + desired
                + " for "
                + Durations.human(age)
                + found
                    .map(c -> ": " + MessageEvidence.describe(c.cause(), c.message()))
                    .orElse(""))
        .evidence(
            "probable cause",
            cause.map(Cause::description).orElse("not recognised; read the events"));
    found.ifPresent(
        c -> {
          MessageEvidence.add(f, c.cause(), c.message());
          c.task().ifPresent(t -> MessageEvidence.addTask(f, t, c.container()));
        });
    f.evidence("recent service events", events.isEmpty() ? null : events)
        .evidence("stopped task reasons", stopLines.isEmpty() ? null : stopLines);
    remediation(f, ctx.region(), service, found);
    return List.of(f.build());
  }

  private static void remediation(
      FindingBuilder f, RegionView view, Service service, Optional<DeploymentCause> found) {
    String region = view.name();
    String cluster = service.clusterName();
    Optional<Cause> cause = found.map(DeploymentCause::cause);
    String text =
        "The deployment tool only reports 'In Progress': the reason is in the service events and the "
            + "stopped tasks.";
    Map<String, String> values =
        found
            .map(c -> fixValues(view, service, c))
            .orElseGet(() -> FixValues.forService(view, service, Optional.empty()));
    if (cause.isPresent()) text += " " + MessageEvidence.fixText(cause.get(), values);
    Optional<Deployment> previous =
        service.deployments().stream()
            .filter(d -> "ACTIVE".equals(d.status()) && d.taskDefinition() != null)
            .max(Comparator.comparing(d -> d.createdAt() == null ? Instant.EPOCH : d.createdAt()));
    cause.ifPresent(
        c -> {
          for (String command : MessageEvidence.commands(c, values)) f.command(command);
        });
    f.fix(
        text,
        AwsCommand.of("ecs", "describe-services")
            .opt("--cluster", cluster)
            .opt("--services", service.serviceName())
            .opt("--query", "services[0].events[0:10]")
            .region(region),
        AwsCommand.of("ecs", "list-tasks")
            .opt("--cluster", cluster)
            .opt("--service-name", service.serviceName())
            .opt("--desired-status", "STOPPED")
            .region(region));
    // Rolling back helps when the new revision is the problem (image, crash, memory, health check);
    // a broken role, network or quota would stop the old revision's new tasks just the same.
    boolean environmental = cause.map(Cause::isEnvironmental).orElse(false);
    if (environmental) return;
    previous.ifPresent(
        p -> {
          f.note("To stop the bleeding, roll back to the task definition still serving traffic.");
          f.command(
              AwsCommand.of("ecs", "update-service")
                  .opt("--cluster", cluster)
                  .opt("--service", service.serviceName())
                  .opt("--task-definition", p.taskDefinition())
                  .region(region));
        });
  }

  static Map<String, String> fixValues(RegionView view, Service service, DeploymentCause c) {
    return c.task()
        .map(t -> FixValues.forTask(view, Optional.of(service), t, c.container(), c.message()))
        .orElseGet(() -> FixValues.forService(view, service, c.message()));
  }

  // Newest first; a message ECS repeats on every retry is shown once, with its count and first
  // time.
  private static List<Fact> recentProblemEvents(Service service) {
    Map<String, List<Instant>> byMessage = new LinkedHashMap<>();
    service.events().stream()
        .filter(e -> e.message() != null && !ServiceEventErrors.read(service, e).cause().isNormal())
        .sorted(
            Comparator.comparing(
                    (Service.ServiceEvent e) ->
                        e.createdAt() == null ? Instant.EPOCH : e.createdAt())
                .reversed())
        .forEach(
            e -> byMessage.computeIfAbsent(e.message(), k -> new ArrayList<>()).add(e.createdAt()));
    List<Fact> out = new ArrayList<>();
    for (Map.Entry<String, List<Instant>> e : byMessage.entrySet()) {
      if (out.size() == EVENTS_SHOWN) break;
      List<Instant> times = e.getValue();
      String when = Timestamps.iso(times.get(0));
      if (times.size() > 1)
        when +=
            " ("
                + times.size()
                + " times since "
                + Timestamps.iso(times.get(times.size() - 1))
                + ")";
      out.add(
          Fact.line(
              (when == null ? "" : when + " ") + e.getKey(),
              "lastAt",
              times.get(0),
              "firstAt",
              times.get(times.size() - 1),
              "times",
              times.size(),
              "message",
              e.getKey()));
    }
    return out;
  }

  // Task-level reason plus any container reason, because an OOM kill only shows on the container.
  private static Map<String, Integer> stoppedReasons(List<Task> tasks) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Task t : tasks) {
      StringBuilder reason =
          new StringBuilder(t.stoppedReason() == null ? "(no reason)" : t.stoppedReason());
      t.containers().stream()
          .filter(c -> c.reason() != null)
          .findFirst()
          .ifPresent(c -> reason.append(" / ").append(c.name()).append(": ").append(c.reason()));
      counts.merge(reason.toString(), 1, Integer::sum);
    }
    return counts;
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
