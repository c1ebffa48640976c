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
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ecs.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A service left at zero tasks for more than a week: usually forgotten after an incident or a
 * migration, it still holds its load balancer rules, alarms and IAM roles, and whoever scales it
 * back up gets last quarter's task definition.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "SERVICE-SCALED-TO-ZERO",
    title = "Service scaled to zero for over a week",
    law = Law.HYGIENE,
    severity = Severity.LOW,
    needs = {Input.ECS_SERVICES})
public final class ServiceScaledToZero implements Check {
  static final Duration WEEK = Duration.ofDays(7);

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> findings = new ArrayList<>();
    for (Service s : ctx.region().services()) {
      if (!"ACTIVE".equals(s.status()) || !Objects.equals(s.desiredCount(), 0)) continue;
      FindingBuilder f =
          ctx.finding(Resource.service(s))
              .evidence("desired count", 0)
              .evidence("running count", s.runningCount());
      Optional<Instant> since = lastScaleDown(s);
      if (since.isEmpty()) {
        findings.add(
            f.pass(s.serviceName() + ": at zero, but no deployment or event says since when")
                .build());
        continue;
      }
      Duration atZero = Duration.between(since.get(), ctx.now());
      f.evidence("at zero since at least", since.get()).evidence("days at zero", atZero.toDays());
      if (atZero.compareTo(WEEK) <= 0) {
        findings.add(f.pass(s.serviceName() + ": at zero for less than a week").build());
        continue;
      }
      findings.add(
          f.warn(
                  s.serviceName()
                      + ": scaled to zero "
                      + atZero.toDays()
                      + " days ago and left there")
              .fix(
                  "Delete the service if nothing needs it any more (its load balancer rules, alarms "
                      + "and roles go with a cleanup of their own), or scale it back with update-service "
                      + "--desired-count once its task definition is current.",
                  AwsCommand.of("ecs", "delete-service")
                      .opt("--cluster", s.clusterName())
                      .opt("--service", s.serviceName())
                      .region(ctx.region().name()))
              .build());
    }
    return findings;
  }

  /**
   * ECS records no "scaled to zero at" time. The latest of the primary deployment's updatedAt
   * (UpdateService changes it) and the newest "has stopped N running tasks" event is the last time
   * the service shrank, so it has been at zero at least since then.
   */
  static Optional<Instant> lastScaleDown(Service s) {
    Stream<Instant> deployment =
        s
            .primaryDeployment()
            .map(d -> d.updatedAt() != null ? d.updatedAt() : d.createdAt())
            .stream();
    Stream<Instant> stopped =
        s.events().stream()
            .filter(e -> e.message() != null && e.message().contains("has stopped"))
            .map(Service.ServiceEvent::createdAt);
    return Stream.concat(deployment, stopped)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder());
  }
}
