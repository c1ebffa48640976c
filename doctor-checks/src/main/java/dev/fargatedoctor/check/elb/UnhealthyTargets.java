package dev.fargatedoctor.check.elb;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.elb.ElbData.TargetHealthDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The targets of each service's target groups: unhealthy ones with ELB's reason and the health
 * check they fail, a target group that no longer exists, a service with running tasks and no
 * registered target; and targets healthy right now whose service events keep reporting them
 * unhealthy (flapping).
 */
@AutoService(Check.class)
@CheckInfo(
    id = "LB-UNHEALTHY-TARGETS",
    title = "Load balancer targets unhealthy or flapping",
    law = Law.ONE_PERCENT_FAIL,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.LOAD_BALANCERS, Input.TARGET_HEALTH})
public final class UnhealthyTargets implements Check {
  static final Duration FLAP_WINDOW = Duration.ofHours(3);
  static final int FLAP_EVENTS = 3;
  private static final Pattern UNHEALTHY_EVENT =
      Pattern.compile("is unhealthy in \\(target-group", Pattern.CASE_INSENSITIVE);

  @Override
  public List<Finding> run(CheckContext ctx) {
    ElbData elb = ctx.region().data().elb();
    return ctx.each(
        ctx.region().services(),
        Resource::service,
        s -> targetGroupsOf(s).stream().map(arn -> review(ctx, s, arn, elb)).toList());
  }

  private static Set<String> targetGroupsOf(Service s) {
    Set<String> groups = new LinkedHashSet<>();
    s.loadBalancers()
        .forEach(
            lb -> {
              if (lb.targetGroupArn() != null) groups.add(lb.targetGroupArn());
            });
    return groups;
  }

  private static Finding review(CheckContext ctx, Service s, String arn, ElbData elb) {
    String region = ctx.region().name();
    Optional<ElbData.TargetGroup> group = elb.targetGroup(arn);
    String name = group.map(ElbData.TargetGroup::targetGroupName).orElse(targetGroupName(arn));
    Resource resource = new Resource("target-group", name, arn);
    FindingBuilder f =
        ctx.finding(resource).evidence("service", s.clusterName() + "/" + s.serviceName());
    if (group.isEmpty()) {
      return f.fail(s.serviceName() + ": target group " + name + " does not exist")
          .fix(
              "The service registers its tasks in a target group that was deleted: ECS reports TARGET GROUP IS NOT "
                  + "FOUND and cannot keep the service healthy. Recreate the target group, or update the service's load "
                  + "balancer configuration.")
          .build();
    }
    ElbData.TargetGroup tg = group.get();
    f.evidence("health check", Fact.of(healthCheck(tg), healthCheckFacts(tg)))
        .evidence(
            "grace period",
            "gracePeriodSeconds",
            s.healthCheckGracePeriodSeconds() == null
                ? Fact.of("none", 0)
                : Fact.of(
                    s.healthCheckGracePeriodSeconds() + " s", s.healthCheckGracePeriodSeconds()));
    List<TargetHealthDescription> targets = elb.targetsOf(arn);
    String describe =
        AwsCommand.of("elbv2", "describe-target-health")
            .opt("--target-group-arn", arn)
            .region(region);
    List<TargetHealthDescription> unhealthy =
        targets.stream().filter(t -> "unhealthy".equals(t.state())).toList();
    if (!unhealthy.isEmpty()) {
      Map<String, Integer> reasons = new LinkedHashMap<>();
      List<String> lines = new ArrayList<>();
      for (TargetHealthDescription t : unhealthy) {
        String reason =
            t.targetHealth().reason() == null ? "unknown reason" : t.targetHealth().reason();
        reasons.merge(
            reason
                + (t.targetHealth().description() == null
                    ? ""
                    : " (" + t.targetHealth().description() + ")"),
            1,
            Integer::sum);
        lines.add(
            target(t)
                + ": "
                + reason
                + (t.targetHealth().description() == null
                    ? ""
                    : " — " + t.targetHealth().description()));
      }
      String main = reasons.keySet().iterator().next();
      return f.fail(
              s.serviceName()
                  + ": "
                  + unhealthy.size()
                  + " of "
                  + targets.size()
                  + " targets unhealthy in "
                  + name
                  + ": "
                  + main)
          .evidence("unhealthy targets", lines)
          .evidence("states", states(targets))
          .fix(
              advice(main)
                  + " Tasks that fail ELB health checks are stopped and replaced (\"Task failed ELB health "
                  + "checks\"), so this also shows as churn in TASK-STOP-REASONS.",
              describe)
          .build();
    }
    int running = s.runningCount() == null ? 0 : s.runningCount();
    if (targets.isEmpty() && running > 0) {
      return f.fail(
              s.serviceName()
                  + ": "
                  + running
                  + " running tasks but no target registered in "
                  + name)
          .severity(Severity.HIGH)
          .fix(
              "Check the service's loadBalancers (container name and port must match the task definition) and the "
                  + "service events for registration errors.",
              describe)
          .build();
    }
    long flaps =
        s.events().stream()
            .filter(e -> e.message() != null && UNHEALTHY_EVENT.matcher(e.message()).find())
            .filter(e -> e.message().contains(arn) || e.message().contains("/" + name + "/"))
            .filter(
                e -> e.createdAt() == null || !e.createdAt().isBefore(ctx.now().minus(FLAP_WINDOW)))
            .count();
    f.evidence("states", states(targets));
    if (flaps >= FLAP_EVENTS) {
      return f.warn(
              s.serviceName()
                  + ": targets in "
                  + name
                  + " are healthy now but were reported unhealthy "
                  + flaps
                  + " times in "
                  + FLAP_WINDOW.toHours()
                  + " h (flapping)")
          .severity(Severity.MEDIUM)
          .evidence("unhealthy events", flaps)
          .fix(
              "Targets that pass and fail in turn are usually slow health-check responses under load (timeout shorter "
                  + "than the slowest response), a dependency the health check calls, or tasks killed and replaced. Make "
                  + "the health check cheap and local, and compare its timeout with the p99 latency.",
              describe)
          .build();
    }
    return f.pass(
            s.serviceName() + ": " + targets.size() + " targets in " + name + ", none unhealthy")
        .build();
  }

  private static String advice(String reason) {
    if (reason.startsWith("Target.ResponseCodeMismatch")) {
      return "The health check gets an unexpected HTTP code: check the path and the success codes (matcher) against "
          + "what the application answers, and that it answers before healthCheckGracePeriodSeconds runs out.";
    }
    if (reason.startsWith("Target.Timeout")) {
      return "The health check times out: check that the tasks' security group allows the load balancer on the "
          + "health-check port, that the application listens on it (0.0.0.0, not 127.0.0.1), and that it answers "
          + "within the timeout.";
    }
    if (reason.startsWith("Target.FailedHealthChecks")) {
      return "Connections to the health-check port fail: the application is not listening or the security group "
          + "blocks the load balancer.";
    }
    return "Read ELB's reason for each target and compare the health check settings with the application.";
  }

  private static String healthCheck(ElbData.TargetGroup tg) {
    return (tg.healthCheckProtocol() == null ? "" : tg.healthCheckProtocol() + " ")
        + (tg.healthCheckPath() == null ? "" : tg.healthCheckPath() + " ")
        + "port "
        + (tg.healthCheckPort() == null ? "traffic-port" : tg.healthCheckPort())
        + (tg.matcher() == null || tg.matcher().httpCode() == null
            ? ""
            : ", success codes " + tg.matcher().httpCode())
        + (tg.healthCheckIntervalSeconds() == null
            ? ""
            : ", every " + tg.healthCheckIntervalSeconds() + " s")
        + (tg.healthCheckTimeoutSeconds() == null
            ? ""
            : ", timeout " + tg.healthCheckTimeoutSeconds() + " s")
        + (tg.unhealthyThresholdCount() == null
            ? ""
            : ", unhealthy after " + tg.unhealthyThresholdCount());
  }

  private static Map<String, Object> healthCheckFacts(ElbData.TargetGroup tg) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("protocol", tg.healthCheckProtocol());
    out.put("path", tg.healthCheckPath());
    out.put("port", tg.healthCheckPort() == null ? "traffic-port" : tg.healthCheckPort());
    out.put("successCodes", tg.matcher() == null ? null : tg.matcher().httpCode());
    out.put("intervalSeconds", tg.healthCheckIntervalSeconds());
    out.put("timeoutSeconds", tg.healthCheckTimeoutSeconds());
    out.put("unhealthyThresholdCount", tg.unhealthyThresholdCount());
    return out;
  }

  private static String target(TargetHealthDescription t) {
    if (t.target() == null) return "?";
    return t.target().id()
        + (t.target().port() == null ? "" : ":" + t.target().port())
        + (t.target().availabilityZone() == null ? "" : " (" + t.target().availabilityZone() + ")");
  }

  private static Map<String, Integer> states(List<TargetHealthDescription> targets) {
    Map<String, Integer> out = new LinkedHashMap<>();
    targets.forEach(t -> out.merge(t.state() == null ? "unknown" : t.state(), 1, Integer::sum));
    return out;
  }

  /** The name part of a target group ARN (…:targetgroup/NAME/ID). */
  static String targetGroupName(String arn) {
    int i = arn == null ? -1 : arn.indexOf(":targetgroup/");
    if (i < 0) return Arns.lastSegment(arn);
    String rest = arn.substring(i + ":targetgroup/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
