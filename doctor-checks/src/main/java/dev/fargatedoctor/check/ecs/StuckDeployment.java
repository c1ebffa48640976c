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
import java.util.regex.Pattern;

/**
 * A primary deployment that has been IN_PROGRESS longer than the threshold with fewer tasks running
 * than desired. Deployment tools only say "In Progress"; the reason is in the service events and in
 * the stopped tasks, so the evidence carries both and names the probable cause.
 */
@CheckInfo(id = "DEPLOY-STUCK", title = "Deployment stuck below its desired count", law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH, needs = {Input.ECS_SERVICES, Input.TASKS})
public final class StuckDeployment implements Check {
  // Routine events that say nothing about a failure.
  private static final Pattern ROUTINE = Pattern.compile(
      "has reached a steady state|has started \\d+ tasks|has stopped \\d+ running tasks|registered \\d+ targets"
          + "|deregistered \\d+ targets|has begun draining|deployment completed", Pattern.CASE_INSENSITIVE);
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
      Resource resource = new Resource("service", service.clusterName() + "/" + service.serviceName(),
          service.serviceArn());
      if ("FAILED".equals(d.rolloutState())) continue; // a finished failure, not a hang
      if (running >= desired || "COMPLETED".equals(d.rolloutState())) {
        findings.add(ctx.finding(resource).pass("deployment at desired count (" + running + "/" + desired + ")")
            .evidence("deployment", d.id()).build());
        continue;
      }
      Instant since = d.createdAt() != null ? d.createdAt() : d.updatedAt();
      FindingBuilder f = ctx.finding(resource)
          .evidence("deployment", d.id() + " (" + (d.rolloutState() == null ? "no rollout state" : d.rolloutState()) + ")")
          .evidence("task definition", d.taskDefinition())
          .evidence("running / desired", running + " / " + desired + " in this deployment; service "
              + nz(service.runningCount()) + " / " + nz(service.desiredCount()))
          .evidence("pending", d.pendingCount())
          .evidence("failed tasks", d.failedTasks());
      if (since == null) {
        findings.add(f.unknown("deployment below desired count (" + running + "/" + desired + ") for an unknown time: "
            + "no timestamps").build());
        continue;
      }
      Duration age = Duration.between(since, ctx.now());
      f.evidence("in progress for", human(age));
      long threshold = ctx.thresholds().stuckDeploymentMinutes();
      if (age.toMinutes() < threshold) {
        findings.add(f.pass("deployment in progress for " + human(age) + " (stuck after " + threshold + " min)")
            .build());
        continue;
      }
      List<String> events = recentProblemEvents(service);
      Map<String, Integer> stops = stoppedReasons(ctx.region().tasksOf(service));
      List<String> messages = new ArrayList<>(events);
      messages.addAll(stops.keySet());
      List<String> stopLines = stops.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey()).toList();
      Optional<FailureCause> cause = FailureCause.dominant(messages);
      f.fail("deployment of " + service.serviceName() + " stuck at " + running + "/" + desired + " for " + human(age)
              + cause.map(c -> ": " + c.description()).orElse(""))
          .evidence("probable cause", cause.map(FailureCause::description).orElse("not recognised; read the events"))
          .evidence("recent service events", events.isEmpty() ? null : events)
          .evidence("stopped task reasons", stopLines.isEmpty() ? null : stopLines);
      remediation(f, ctx.region().name(), service, cause);
      findings.add(f.build());
    }
    return findings;
  }

  private static void remediation(FindingBuilder f, String region, Service service, Optional<FailureCause> cause) {
    String cluster = service.clusterName();
    String text = "The deployment tool only reports 'In Progress': the reason is in the service events and the "
        + "stopped tasks.";
    if (cause.isPresent() && (cause.get() == FailureCause.ROLE_TRUST || cause.get() == FailureCause.ROLE_PERMISSIONS)) {
      text += " Fix the role (see the EXEC-ROLE-TRUST / TASK-ROLE-TRUST findings); ECS retries on its own.";
    }
    Optional<Deployment> previous = service.deployments().stream()
        .filter(d -> "ACTIVE".equals(d.status()) && d.taskDefinition() != null)
        .max(Comparator.comparing(d -> d.createdAt() == null ? Instant.EPOCH : d.createdAt()));
    f.fix(text,
        AwsCommand.of("ecs", "describe-services").opt("--cluster", cluster).opt("--services", service.serviceName())
            .opt("--query", "services[0].events[0:10]").region(region),
        AwsCommand.of("ecs", "list-tasks").opt("--cluster", cluster).opt("--service-name", service.serviceName())
            .opt("--desired-status", "STOPPED").region(region));
    // Rolling back helps when the new revision is the problem (image, crash, memory, health check);
    // a broken role, network or quota would stop the old revision's new tasks just the same.
    boolean environmental = cause.map(c -> c == FailureCause.ROLE_TRUST || c == FailureCause.ROLE_PERMISSIONS
        || c == FailureCause.ENI_LIMIT || c == FailureCause.NETWORK_INIT || c == FailureCause.CAPACITY).orElse(false);
    if (environmental) return;
    previous.ifPresent(p -> {
      f.note("To stop the bleeding, roll back to the task definition still serving traffic.");
      f.command(AwsCommand.of("ecs", "update-service").opt("--cluster", cluster).opt("--service", service.serviceName())
          .opt("--task-definition", p.taskDefinition()).region(region));
    });
  }

  // Newest first; a message ECS repeats on every retry is shown once, with its count and first time.
  private static List<String> recentProblemEvents(Service service) {
    Map<String, List<Instant>> byMessage = new LinkedHashMap<>();
    service.events().stream()
        .filter(e -> e.message() != null && !ROUTINE.matcher(e.message()).find())
        .sorted(Comparator.comparing((Service.ServiceEvent e) -> e.createdAt() == null ? Instant.EPOCH : e.createdAt())
            .reversed())
        .forEach(e -> byMessage.computeIfAbsent(e.message(), k -> new ArrayList<>()).add(e.createdAt()));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Instant>> e : byMessage.entrySet()) {
      if (out.size() == EVENTS_SHOWN) break;
      List<Instant> times = e.getValue();
      String when = Timestamps.iso(times.get(0));
      if (times.size() > 1) when += " (" + times.size() + " times since " + Timestamps.iso(times.get(times.size() - 1)) + ")";
      out.add((when == null ? "" : when + " ") + e.getKey());
    }
    return out;
  }

  // Task-level reason plus any container reason, because an OOM kill only shows on the container.
  private static Map<String, Integer> stoppedReasons(List<Task> tasks) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Task t : tasks) {
      if (!t.isStopped()) continue;
      StringBuilder reason = new StringBuilder(t.stoppedReason() == null ? "(no reason)" : t.stoppedReason());
      t.containers().stream().filter(c -> c.reason() != null).findFirst()
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
