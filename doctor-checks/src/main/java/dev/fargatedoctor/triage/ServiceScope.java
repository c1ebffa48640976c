package dev.fargatedoctor.triage;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.KnownServices;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What belongs to one service, so triage narrates only its findings: the service, its subnets and
 * their VPC, route tables, NAT gateways and network ACLs, its task definitions' roles, its target
 * groups. Region-wide findings (quotas) always belong.
 */
public final class ServiceScope {
  private final String name;
  private final List<Service> services;
  private final Set<String> resources = new LinkedHashSet<>();

  private ServiceScope(String name, List<Service> services) {
    this.name = name;
    this.services = services;
  }

  /** Everything, when no service was named. */
  public static ServiceScope all() {
    return new ServiceScope(null, List.of());
  }

  public static ServiceScope of(Snapshot snapshot, String serviceName) {
    List<Service> matches = new ArrayList<>();
    for (RegionSnapshot r : snapshot.regions()) {
      for (Service s : r.ecs().services()) {
        if (serviceName.equals(s.serviceName())
            || serviceName.equals(s.serviceArn())
            || serviceName.equals(s.clusterName() + "/" + s.serviceName())) {
          matches.add(s);
        }
      }
    }
    if (matches.isEmpty()) throw KnownServices.notFound(snapshot, "--service " + serviceName);
    ServiceScope scope = new ServiceScope(serviceName, List.copyOf(matches));
    for (RegionSnapshot r : snapshot.regions()) {
      for (Service s : r.ecs().services()) {
        if (matches.contains(s)) scope.collect(snapshot, r, s);
      }
    }
    return scope;
  }

  private void collect(Snapshot snapshot, RegionSnapshot r, Service s) {
    resources.add(s.clusterName() + "/" + s.serviceName());
    resources.add(s.serviceArn());
    for (String subnetId : s.subnets()) {
      resources.add(subnetId);
      r.ec2().subnets().stream()
          .filter(x -> subnetId.equals(x.subnetId()))
          .map(Subnet::vpcId)
          .forEach(resources::add);
      for (RouteTable t : r.ec2().routeTables()) {
        boolean explicit = t.associationFor(subnetId).isPresent();
        if (explicit
            || (t.isMain()
                && r.ec2().routeTables().stream()
                    .noneMatch(o -> o.associationFor(subnetId).isPresent()))) {
          resources.add(t.routeTableId());
          t.routes()
              .forEach(
                  route -> {
                    if (route.natGatewayId() != null) resources.add(route.natGatewayId());
                  });
        }
      }
      for (NetworkAcl acl : r.ec2().networkAcls()) {
        if (acl.associations().stream().anyMatch(a -> subnetId.equals(a.subnetId()))) {
          resources.add(acl.networkAclId());
        }
      }
    }
    List<String> taskDefinitions = new ArrayList<>();
    taskDefinitions.add(s.taskDefinition());
    s.deployments().forEach(d -> taskDefinitions.add(d.taskDefinition()));
    for (TaskDefinition td : r.ecs().taskDefinitions()) {
      if (!taskDefinitions.contains(td.taskDefinitionArn())) continue;
      for (String role : new String[] {td.executionRoleArn(), td.taskRoleArn()}) {
        if (role != null) {
          resources.add(role);
          resources.add(Arns.lastSegment(role));
        }
      }
    }
    s.loadBalancers()
        .forEach(
            lb -> {
              if (lb.targetGroupArn() != null) resources.add(lb.targetGroupArn());
            });
  }

  private boolean touches(String resource) {
    return resources.contains(resource)
        || services.stream()
            .anyMatch(s -> resource.equals(s.clusterName()) || resource.equals(s.clusterArn()));
  }

  public boolean isAll() {
    return name == null;
  }

  public String name() {
    return name;
  }

  public List<Service> services() {
    return services;
  }

  public boolean contains(Finding f) {
    if (isAll()) return true;
    if ("region".equals(f.resource().type())) {
      // A region's partly evaluated finding belongs only if a gap touches this service: its
      // cluster,
      // or one of its resources (a role).
      return !(f.evidence().get(CheckEngine.UNEVALUATED) instanceof Collection<?> gaps)
          || gaps.stream().map(String::valueOf).anyMatch(this::touches);
    }
    if (resources.contains(f.resource().id())
        || (f.resource().arn() != null && resources.contains(f.resource().arn()))) {
      return true;
    }
    Object named = f.evidence().get("services");
    return named instanceof Collection<?> c
        && services.stream().anyMatch(s -> c.contains(s.serviceName()));
  }
}
