package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
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
    List<Finding> findings = new ArrayList<>();
    for (Service service : ctx.region().services()) {
      Optional<Deployment> primary = service.primaryDeployment();
      if (primary.isEmpty()) continue;
      Deployment d = primary.get();
      int desired = nz(d.desiredCount());
      int running = nz(d.runningCount());
      Resource resource =
          new Resource(
              "service", service.clusterName() + "/" + service.serviceName(), service.serviceArn());
      if ("FAILED".equals(d.rolloutState())) continue; // a finished failure, not a hang
      if (running >= desired || "COMPLETED".equals(d.rolloutState())) {
        findings.add(
            ctx.finding(resource)
                .pass("deployment at desired count (" + running + "/" + desired + ")")
                .evidence("deployment", d.id())
                .build());
        continue;
      }
      Instant since = d.createdAt() != null ? d.createdAt() : d.updatedAt();
      FindingBuilder f =
          ctx.finding(resource)
              .evidence(
                  "deployment",
                  d.id()
                      + " ("
                      + (d.rolloutState() == null ? "no rollout state" : d.rolloutState())
                      + ")")
              .evidence("task definition", d.taskDefinition())
              .evidence(
                  "running / desired",
                  running
                      + " / "
                      + desired
                      + " in this deployment; service "
                      + nz(service.runningCount())
                      + " / "
                      + nz(service.desiredCount()))
              .evidence("pending", d.pendingCount())
              .evidence("failed tasks", d.failedTasks());
      if (since == null) {
        findings.add(
            f.unknown(
                    "deployment below desired count ("
                        + running
                        + "/"
                        + desired
                        + ") for an unknown time: "
                        + "no timestamps")
                .build());
        continue;
      }
      Duration age = Duration.between(since, ctx.now());
      f.evidence("in progress for", human(age));
      long threshold = ctx.thresholds().stuckDeploymentMinutes();
      if (age.toMinutes() < threshold) {
        findings.add(
            f.pass(
                    "deployment in progress for "
                        + human(age)
                        + " (stuck after "
                        + threshold
                        + " min)")
                .build());
        continue;
      }
      List<String> events = recentProblemEvents(service);
      List<Task> stopped = ctx.region().tasksOf(service).stream().filter(Task::isStopped).toList();
      Map<String, Integer> stops = stoppedReasons(stopped);
      List<String> stopLines =
          stops.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).toList();
      Optional<Cause> cause = dominant(service, stopped, since);
      f.fail(
              "deployment of "
                  + service.serviceName()
                  + " stuck at "
                  + running
                  + "/"
                  + desired
                  + " for "
                  + human(age)
                  + cause.map(c -> ": " + c.description()).orElse(""))
          .evidence(
              "probable cause",
              cause.map(Cause::description).orElse("not recognised; read the events"))
          .evidence("recent service events", events.isEmpty() ? null : events)
          .evidence("stopped task reasons", stopLines.isEmpty() ? null : stopLines);
      remediation(f, ctx.region().name(), service, cause);
      findings.add(f.build());
    }
    return findings;
  }

  /**
   * The cause named most often across the service's failure events and its stopped tasks; a tie
   * goes to the cause listed first (the more specific one). Events older than the deployment are
   * left out.
   */
  static Optional<Cause> dominant(Service service, List<Task> stopped, Instant since) {
    int[] counts = new int[Cause.values().length];
    for (Service.ServiceEvent e : service.events()) {
      if (e.createdAt() != null && e.createdAt().isBefore(since)) continue;
      Cause c = ServiceEventCatalogue.classify(e.message());
      if (!c.isNormal() && c != Cause.UNRECOGNIZED) counts[c.ordinal()]++;
    }
    for (Task t : stopped) {
      Cause c = StopReasonCatalogue.classify(t);
      if (!c.isNormal() && c != Cause.UNRECOGNIZED) counts[c.ordinal()]++;
    }
    int best = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && (best < 0 || counts[i] > counts[best])) best = i;
    }
    return best < 0 ? Optional.empty() : Optional.of(Cause.values()[best]);
  }

  private static void remediation(
      FindingBuilder f, String region, Service service, Optional<Cause> cause) {
    String cluster = service.clusterName();
    String text =
        "The deployment tool only reports 'In Progress': the reason is in the service events and the "
            + "stopped tasks.";
    if (cause.isPresent()) text += " " + cause.get().fix();
    Optional<Deployment> previous =
        service.deployments().stream()
            .filter(d -> "ACTIVE".equals(d.status()) && d.taskDefinition() != null)
            .max(Comparator.comparing(d -> d.createdAt() == null ? Instant.EPOCH : d.createdAt()));
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

  // Newest first; a message ECS repeats on every retry is shown once, with its count and first
  // time.
  private static List<String> recentProblemEvents(Service service) {
    Map<String, List<Instant>> byMessage = new LinkedHashMap<>();
    service.events().stream()
        .filter(e -> e.message() != null && !ServiceEventCatalogue.classify(e.message()).isNormal())
        .sorted(
            Comparator.comparing(
                    (Service.ServiceEvent e) ->
                        e.createdAt() == null ? Instant.EPOCH : e.createdAt())
                .reversed())
        .forEach(
            e -> byMessage.computeIfAbsent(e.message(), k -> new ArrayList<>()).add(e.createdAt()));
    List<String> out = new ArrayList<>();
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
      out.add((when == null ? "" : when + " ") + e.getKey());
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

  static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) return minutes + " min";
    long hours = minutes / 60;
    return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " days";
  }
}
