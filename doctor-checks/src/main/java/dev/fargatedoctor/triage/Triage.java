package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a symptom's playbook over a diagnosis: every check of the catalogue has run, triage reads
 * the ones each step names, in order, for one service or for all, and says what it found at each
 * step — passes included, and UNKNOWN with the permission that was missing.
 */
public final class Triage {
  private final Set<String> catalogue;

  /**
   * @param catalogue the check ids of this build; every check a playbook reads must be among them
   */
  public Triage(Set<String> catalogue) {
    this.catalogue = Set.copyOf(catalogue);
  }

  public TriageResult run(
      Symptom symptom, Diagnosis diagnosis, Snapshot snapshot, ServiceScope scope) {
    Playbook playbook = Playbook.of(symptom);
    List<Finding> inScope = diagnosis.findings().stream().filter(scope::contains).toList();
    Set<String> covered = new LinkedHashSet<>();
    playbook.steps().forEach(s -> covered.addAll(s.checks()));
    List<TriageResult.StepResult> steps = new ArrayList<>();
    int number = 0;
    for (Playbook.Step step : playbook.steps()) {
      if (step.checks().isEmpty()) {
        steps.add(
            new TriageResult.StepResult(++number, step, List.of(), null, step.advice(), List.of()));
        continue;
      }
      boolean rest = step.checks().equals(List.of(Playbook.Step.EVERYTHING_ELSE));
      if (step.advice() != null
          && step.checks().stream().noneMatch(diagnosis.checksRun()::contains)) {
        // Checks that need data nobody read (flow records): say how to get it, judge nothing.
        steps.add(
            new TriageResult.StepResult(++number, step, List.of(), null, step.advice(), List.of()));
        continue;
      }
      List<String> checks = rest ? List.of() : step.checks();
      for (String id : checks) {
        // Playbooks name checks by class; a check left out of the catalogue is a build defect.
        if (!catalogue.contains(id))
          throw new IllegalStateException(
              "playbook " + symptom + " reads " + id + ", which is not in the catalogue");
      }
      List<Finding> findings =
          inScope.stream()
              .filter(
                  f ->
                      rest
                          ? !covered.contains(f.checkId()) && f.status() != Status.PASS
                          : checks.contains(f.checkId()))
              .sorted(
                  Comparator.comparing((Finding f) -> f.status().ordinal())
                      .thenComparing(f -> f.severity().ordinal()))
              .toList();
      Status status =
          findings.stream().map(Finding::status).min(Comparator.naturalOrder()).orElse(Status.PASS);
      steps.add(
          new TriageResult.StepResult(
              ++number, step, checks, status, summary(status, findings, checks, rest), findings));
    }
    // A configuration failure before what ECS reported about it, then the most severe, then the one
    // the laws say to look at first: a stuck deployment yields to the broken role behind it.
    List<Finding> ordered = steps.stream().flatMap(s -> s.findings().stream()).toList();
    Optional<Finding> cause = pick(ordered, Status.FAIL).or(() -> pick(ordered, Status.WARN));
    return new TriageResult(
        symptom,
        scope.name(),
        steps,
        cause,
        messageBehind(cause, inScope),
        next(symptom, snapshot, scope, cause));
  }

  // The evidence key under which findings built on an ECS message keep it, raw.
  static final String MESSAGE = "message";

  // The cause's own message, else the newest word from ECS among the problems: a broken role is
  // shown with the event that says ECS could not assume it.
  private static Optional<String> messageBehind(Optional<Finding> cause, List<Finding> inScope) {
    if (cause.isEmpty()) return Optional.empty();
    Object own = cause.get().evidence().get(MESSAGE);
    if (own instanceof String s && !s.isBlank()) return Optional.of(s);
    return inScope.stream()
        .filter(f -> f.status().isProblem() && REPORTS_OF_ECS.contains(f.checkId()))
        .sorted(Comparator.comparing((Finding f) -> f.status().ordinal()))
        .map(f -> f.evidence().get(MESSAGE))
        .filter(m -> m instanceof String s && !s.isBlank())
        .map(String.class::cast)
        .findFirst();
  }

  // These read what ECS itself reported (events, stopped tasks, a deployment that does not move):
  // evidence of a failure. A configuration finding behind them is the cause they point to.
  private static final Set<String> REPORTS_OF_ECS =
      Set.of(
          "SERVICE-EVENT-ERRORS",
          "TASK-STOP-REASONS",
          "DEPLOY-STUCK",
          "DEPLOY-FAILED",
          "OOM-KILLS");

  private static Optional<Finding> pick(List<Finding> inPlaybookOrder, Status status) {
    return inPlaybookOrder.stream()
        .filter(f -> f.status() == status)
        .min(
            Comparator.comparing((Finding f) -> REPORTS_OF_ECS.contains(f.checkId()))
                .thenComparing(f -> f.severity().ordinal()));
  }

  private static String summary(
      Status status, List<Finding> findings, List<String> checks, boolean rest) {
    if (findings.isEmpty()) {
      return rest
          ? "nothing else the scan found"
          : "nothing to evaluate here (" + String.join(", ", checks) + ")";
    }
    Finding top = findings.get(0);
    long problems = findings.stream().filter(f -> f.status().isProblem()).count();
    String more = problems > 1 ? " (+" + (problems - 1) + " more)" : "";
    return switch (status) {
      case PASS ->
          top.checkId()
              + ": "
              + top.title()
              + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more passed)" : "");
      case UNKNOWN -> top.checkId() + ": " + top.title();
      default -> top.checkId() + ": " + top.title() + more;
    };
  }

  // The cause's own fix first, then a command that looks closer at what the playbook points to.
  private static List<String> next(
      Symptom symptom, Snapshot snapshot, ServiceScope scope, Optional<Finding> cause) {
    List<String> out = new ArrayList<>();
    cause.ifPresent(
        c -> {
          if (!c.remediation().commands().isEmpty()) out.add(c.remediation().commands().get(0));
        });
    // Without a named service, the one the cause is about.
    Optional<Service> service =
        scope.services().stream().findFirst().or(() -> cause.flatMap(c -> serviceOf(snapshot, c)));
    String region =
        service
            .flatMap(s -> regionOf(snapshot, s))
            .orElse(snapshot.regions().isEmpty() ? null : snapshot.regions().get(0).region());
    if (region == null) return out;
    String follow =
        switch (symptom) {
          case WONT_START ->
              service
                  .map(
                      s ->
                          AwsCommand.of("ecs", "list-tasks")
                              .opt("--cluster", s.clusterName())
                              .opt("--service-name", s.serviceName())
                              .opt("--desired-status", "STOPPED")
                              .region(region))
                  .orElse(null);
          case SLOW ->
              service
                  .filter(s -> !s.subnets().isEmpty())
                  .map(
                      s ->
                          AwsCommand.of("ec2", "describe-route-tables")
                              .opt(
                                  "--filters",
                                  "Name=association.subnet-id,Values="
                                      + String.join(",", s.subnets()))
                              .region(region))
                  .orElse(null);
          case MEMORY ->
              "fargate-doctor agent task-definition --region " + AwsCommand.quoteId(region);
          case DEPLOY_HANG ->
              service
                  .map(
                      s ->
                          AwsCommand.of("ecs", "describe-services")
                              .opt("--cluster", s.clusterName())
                              .opt("--services", s.serviceName())
                              .opt("--query", "services[0].events[0:10]")
                              .region(region))
                  .orElse(null);
          case INTERMITTENT ->
              service
                  .flatMap(
                      s ->
                          s.loadBalancers().stream()
                              .filter(l -> l.targetGroupArn() != null)
                              .findFirst()
                              .map(
                                  l ->
                                      AwsCommand.of("elbv2", "describe-target-health")
                                          .opt("--target-group-arn", l.targetGroupArn())
                                          .region(region)))
                  .orElse(null);
          case UNKNOWN ->
              service
                  .flatMap(
                      s ->
                          runningTask(snapshot, s)
                              .map(
                                  t ->
                                      AwsCommand.of("ecs", "execute-command")
                                          .opt("--cluster", s.clusterName())
                                          .opt("--task", t.taskArn())
                                          .opt(
                                              "--container",
                                              t.containers().isEmpty()
                                                  ? s.serviceName()
                                                  : t.containers().get(0).name())
                                          .flag("--interactive")
                                          .opt("--command", "/bin/sh")
                                          .region(region)))
                  .orElse(null);
        };
    if (follow != null && !out.contains(follow)) out.add(follow);
    return out;
  }

  private static Optional<Service> serviceOf(Snapshot snapshot, Finding f) {
    if (!"service".equals(f.resource().type())) return Optional.empty();
    return snapshot.regions().stream()
        .flatMap(r -> r.ecs().services().stream())
        .filter(
            s ->
                (f.resource().arn() != null && f.resource().arn().equals(s.serviceArn()))
                    || f.resource().id().equals(s.clusterName() + "/" + s.serviceName()))
        .findFirst();
  }

  private static Optional<String> regionOf(Snapshot snapshot, Service s) {
    return snapshot.regions().stream()
        .filter(r -> r.ecs().services().contains(s))
        .map(RegionSnapshot::region)
        .findFirst();
  }

  private static Optional<Task> runningTask(Snapshot snapshot, Service s) {
    return snapshot.regions().stream()
        .flatMap(r -> r.ecs().tasks().stream())
        .filter(
            t ->
                "RUNNING".equals(t.lastStatus())
                    && s.serviceName().equals(t.serviceName().orElse(null)))
        .findFirst();
  }
}
