package dev.fargatedoctor.collect;

import static dev.fargatedoctor.collect.Ec2Mapper.map;

import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.elb.ElbData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Collects the load balancers in front of the scanned services: the target groups their
 * loadBalancers name (the region's target groups are listed, so a deleted one shows as absent
 * rather than failing the call), those groups' load balancers (20 per call, the API's limit) and
 * each group's target health.
 */
final class ElbCollector {
  static final String TARGET_GROUPS = "elasticloadbalancing:DescribeTargetGroups";
  static final String LOAD_BALANCERS = "elasticloadbalancing:DescribeLoadBalancers";
  static final String TARGET_HEALTH = "elasticloadbalancing:DescribeTargetHealth";
  static final int LOAD_BALANCERS_PER_DESCRIBE = 20;

  private final CoverageLog log;
  private final Executor pool;

  ElbCollector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<ElbData> collect(
      String region, ElasticLoadBalancingV2Client elb, List<Service> services) {
    Set<String> wanted = new LinkedHashSet<>();
    services.forEach(
        s ->
            s.loadBalancers()
                .forEach(
                    lb -> {
                      if (lb.targetGroupArn() != null) wanted.add(lb.targetGroupArn());
                    }));
    if (wanted.isEmpty()) {
      // No service uses a target group: nothing to describe, and that is complete information.
      List.of(TARGET_GROUPS, LOAD_BALANCERS, TARGET_HEALTH).forEach(a -> log.markOk(region, a));
      return CompletableFuture.completedFuture(ElbData.EMPTY);
    }
    return CompletableFuture.supplyAsync(() -> targetGroups(region, elb, wanted), pool)
        .thenCompose(
            found -> {
              if (found.isEmpty())
                return CompletableFuture.completedFuture(ElbData.EMPTY); // in coverage
              List<ElbData.TargetGroup> groups = found.get();
              Set<String> lbArns = new LinkedHashSet<>();
              groups.forEach(g -> lbArns.addAll(g.loadBalancerArns()));
              CompletableFuture<List<ElbData.LoadBalancer>> lbs =
                  CompletableFuture.supplyAsync(
                      () -> loadBalancers(region, elb, List.copyOf(lbArns)), pool);
              List<CompletableFuture<List<ElbData.TargetHealthDescription>>> health =
                  new ArrayList<>();
              for (ElbData.TargetGroup g : groups) {
                health.add(
                    CompletableFuture.supplyAsync(
                        () ->
                            log.step(
                                    region,
                                    TARGET_HEALTH,
                                    g.targetGroupName(),
                                    () ->
                                        elb
                                            .describeTargetHealth(
                                                b -> b.targetGroupArn(g.targetGroupArn()))
                                            .targetHealthDescriptions()
                                            .stream()
                                            .map(h -> targetHealth(g.targetGroupArn(), h))
                                            .toList())
                                .orElse(List.of()),
                        pool));
              }
              if (groups.isEmpty()) log.markOk(region, TARGET_HEALTH);
              return lbs.thenCombine(
                  EcsCollector.joinAll(health), (l, h) -> new ElbData(l, groups, h));
            });
  }

  private Optional<List<ElbData.TargetGroup>> targetGroups(
      String region, ElasticLoadBalancingV2Client elb, Set<String> wanted) {
    return log.step(
        region,
        TARGET_GROUPS,
        null,
        () ->
            elb.describeTargetGroupsPaginator(b -> b.pageSize(400)).targetGroups().stream()
                .filter(g -> wanted.contains(g.targetGroupArn()))
                .map(ElbCollector::targetGroup)
                .toList());
  }

  private List<ElbData.LoadBalancer> loadBalancers(
      String region, ElasticLoadBalancingV2Client elb, List<String> arns) {
    List<ElbData.LoadBalancer> out = new ArrayList<>();
    for (List<String> batch : EcsCollector.batches(arns, LOAD_BALANCERS_PER_DESCRIBE)) {
      log.step(
              region,
              LOAD_BALANCERS,
              null,
              () ->
                  elb.describeLoadBalancers(b -> b.loadBalancerArns(batch)).loadBalancers().stream()
                      .map(ElbCollector::loadBalancer)
                      .toList())
          .ifPresent(out::addAll);
    }
    if (arns.isEmpty()) log.markOk(region, LOAD_BALANCERS);
    return out;
  }

  static ElbData.TargetGroup targetGroup(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup g) {
    var m = g.matcher();
    return new ElbData.TargetGroup(
        g.targetGroupArn(),
        g.targetGroupName(),
        g.targetTypeAsString(),
        g.protocolAsString(),
        g.port(),
        g.vpcId(),
        g.loadBalancerArns(),
        g.healthCheckProtocolAsString(),
        g.healthCheckPort(),
        g.healthCheckPath(),
        g.healthCheckIntervalSeconds(),
        g.healthCheckTimeoutSeconds(),
        g.healthyThresholdCount(),
        g.unhealthyThresholdCount(),
        m == null ? null : new ElbData.Matcher(m.httpCode(), m.grpcCode()));
  }

  static ElbData.LoadBalancer loadBalancer(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer l) {
    return new ElbData.LoadBalancer(
        l.loadBalancerArn(),
        l.loadBalancerName(),
        l.typeAsString(),
        l.schemeAsString(),
        l.vpcId(),
        map(l.availabilityZones(), z -> new ElbData.AvailabilityZone(z.zoneName(), z.subnetId())));
  }

  static ElbData.TargetHealthDescription targetHealth(
      String targetGroupArn,
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription h) {
    var t = h.target();
    var th = h.targetHealth();
    return new ElbData.TargetHealthDescription(
        targetGroupArn,
        t == null ? null : new ElbData.Target(t.id(), t.port(), t.availabilityZone()),
        h.healthCheckPort(),
        th == null
            ? null
            : new ElbData.TargetHealth(th.stateAsString(), th.reasonAsString(), th.description()));
  }
}
