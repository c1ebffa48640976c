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
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Service.ServiceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service events of the last day, classified: per service and cause, how often ECS said it,
 * first and last time, and the latest wording. When deployments hang the answer is here, not in the
 * deployment tool's logs. A cause the service has since recovered from (a steady state came after)
 * stays visible, at low severity.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "SERVICE-EVENT-ERRORS",
    title = "Service events report failures",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES})
public final class ServiceEventErrors implements Check {
  static final Duration LOOKBACK = Duration.ofHours(24);

  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().services(), Resource::service, service -> judgeService(ctx, service));
  }

  private static List<Finding> judgeService(CheckContext ctx, Service service) {
    Instant since = ctx.now().minus(LOOKBACK);
    List<ServiceEvent> recent =
        service.events().stream()
            .filter(e -> e.createdAt() == null || !e.createdAt().isBefore(since))
            .toList();
    Map<Cause, List<ServiceEvent>> byCause = classify(service, recent);
    Optional<Instant> steady = lastSteadyState(recent);
    if (byCause.isEmpty()) {
      return List.of(
          ctx.finding(Resource.service(service))
              .pass("no failure in the service events of the last " + LOOKBACK.toHours() + " h")
              .evidence("events read", recent.size())
              .build());
    }
    List<Finding> findings = new ArrayList<>();
    byCause.forEach((cause, events) -> findings.add(finding(ctx, service, cause, events, steady)));
    return findings;
  }

  /** Failure events grouped by cause, newest first within a group; routine events are left out. */
  static Map<Cause, List<ServiceEvent>> classify(Service service, List<ServiceEvent> events) {
    Map<Cause, List<ServiceEvent>> byCause = new LinkedHashMap<>();
    events.stream()
        .sorted(newestFirst())
        .forEach(
            e -> {
              Cause c = read(service, e).cause();
              if (!c.isNormal()) byCause.computeIfAbsent(c, k -> new ArrayList<>()).add(e);
            });
    // "deployment failed" only summarises; beside the events that say why, it adds nothing.
    MessageCatalogue catalogue = MessageCatalogue.get();
    if (byCause.keySet().stream().anyMatch(c -> !catalogue.entry(c).general())) {
      byCause.keySet().removeIf(c -> catalogue.entry(c).general());
    }
    return byCause;
  }

  static MessageReading read(Service service, ServiceEvent e) {
    return ServiceEventCatalogue.read(e.message(), Scope.of(service.serviceArn()));
  }

  private static Finding finding(
      CheckContext ctx,
      Service service,
      Cause cause,
      List<ServiceEvent> events,
      Optional<Instant> steady) {
    ServiceEvent latest = events.get(0);
    MessageReading reading = read(service, latest);
    Instant first = events.get(events.size() - 1).createdAt();
    boolean recovered =
        steady.isPresent()
            && latest.createdAt() != null
            && steady.get().isAfter(latest.createdAt());
    FindingBuilder f =
        ctx.finding(Resource.service(service))
            .aspect(cause.id()) // one finding per cause the service's events show
            .evidence("cause", cause.description());
    MessageEvidence.add(f, cause, Optional.of(reading));
    f.evidence("events", events.size())
        .evidence("first", Timestamps.iso(first))
        .evidence("last", Timestamps.iso(latest.createdAt()));
    String title =
        service.serviceName()
            + ": "
            + MessageEvidence.describe(cause, Optional.of(reading))
            + " ("
            + events.size()
            + " event"
            + (events.size() == 1 ? "" : "s")
            + " in "
            + LOOKBACK.toHours()
            + " h)";
    if (recovered) {
      f.warn(title + ", recovered since")
          .severity(Severity.LOW)
          .evidence("steady state since", Timestamps.iso(steady.get()));
    } else {
      f.fail(title).severity(cause.severity());
    }
    Map<String, String> values = FixValues.forService(ctx.region(), service, Optional.of(reading));
    return f.fix(
            MessageEvidence.fixText(cause, values),
            MessageEvidence.commands(
                cause,
                values,
                AwsCommand.of("ecs", "describe-services")
                    .opt("--cluster", service.clusterName())
                    .opt("--services", service.serviceName())
                    .opt("--query", "services[0].events[0:20]")
                    .region(ctx.region().name())))
        .build();
  }

  private static Optional<Instant> lastSteadyState(List<ServiceEvent> events) {
    return events.stream()
        .filter(
            e ->
                e.createdAt() != null
                    && e.message() != null
                    && e.message().contains("has reached a steady state"))
        .map(ServiceEvent::createdAt)
        .max(Comparator.naturalOrder());
  }

  static Comparator<ServiceEvent> newestFirst() {
    return Comparator.comparing(
            (ServiceEvent e) -> e.createdAt() == null ? Instant.EPOCH : e.createdAt())
        .reversed();
  }
}
