package dev.fargatedoctor.check.flows;

import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.capacity.EniClassifier;
import dev.fargatedoctor.check.capacity.EniConsumer;
import dev.fargatedoctor.check.network.Cidr;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ties flow records to what the snapshot knows: an interface to its task, service, subnet and AZ
 * (the version 7 ECS fields first, else the snapshot's interfaces and tasks), and an address to
 * what it is: another service's task, a NAT gateway, a VPC endpoint, a load balancer, an AWS
 * service's prefix list, or the internet. Built once per region and shared by the flow checks.
 */
final class FlowPlaces {
  private static final List<Cidr> PRIVATE =
      List.of(
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.168.0.0/16"),
          Cidr.parse("100.64.0.0/10"));

  private final RegionView region;
  private final FlowSummary summary;
  private final EniClassifier classifier;
  private final Map<String, NetworkInterface> enis = new HashMap<>();
  private final Map<String, NetworkInterface> enisByIp = new HashMap<>();
  private final Map<String, Task> tasksByEni = new HashMap<>();
  private final Map<String, Task> tasksByIp = new HashMap<>();
  private final Map<String, NatGateway> natsByEni = new HashMap<>();
  private final Map<String, VpcEndpoint> endpointsByEni = new HashMap<>();
  private final Map<String, FlowSummary.InterfaceRow> rows = new HashMap<>();
  private final Map<String, Local> locals = new HashMap<>();

  /** Where a flow's interface is. {@code service} is null when the snapshot does not hold it. */
  public record Local(
      String interfaceId,
      NetworkInterface eni,
      Service service,
      String serviceLabel,
      String taskId,
      String subnetId,
      String az,
      String ip,
      EniConsumer kind) {
    public boolean isService() {
      return serviceLabel != null;
    }
  }

  /** What is at the other end of a flow. */
  public record Peer(Kind kind, String label, String address, String az, String id) {}

  public enum Kind {
    SERVICE,
    NAT_GATEWAY,
    VPC_ENDPOINT,
    LOAD_BALANCER,
    OTHER_INTERFACE,
    PRIVATE,
    AWS_SERVICE,
    INTERNET
  }

  private FlowPlaces(RegionView region) {
    this.region = region;
    this.summary = region.data().flows();
    this.classifier = new EniClassifier(region.data());
    for (NetworkInterface n : region.data().ec2().networkInterfaces()) {
      enis.put(n.networkInterfaceId(), n);
      if (n.privateIpAddress() != null) enisByIp.putIfAbsent(n.privateIpAddress(), n);
    }
    for (Task t : region.data().ecs().tasks()) {
      t.networkInterfaceId().ifPresent(id -> tasksByEni.merge(id, t, FlowPlaces::running));
      taskIp(t).ifPresent(ip -> tasksByIp.merge(ip, t, FlowPlaces::running));
    }
    for (NatGateway n : region.data().ec2().natGateways()) {
      for (NatGateway.Address a : n.natGatewayAddresses()) {
        if (a.networkInterfaceId() != null) natsByEni.put(a.networkInterfaceId(), n);
      }
    }
    for (VpcEndpoint e : region.data().ec2().vpcEndpoints()) {
      for (String id : e.networkInterfaceIds()) endpointsByEni.put(id, e);
    }
    if (summary != null) summary.interfaces().forEach(r -> rows.put(r.interfaceId(), r));
  }

  private static Task running(Task a, Task b) {
    return a.isStopped() && !b.isStopped() ? b : a;
  }

  private static Optional<String> taskIp(Task t) {
    return t.attachments().stream()
        .filter(a -> "ElasticNetworkInterface".equals(a.type()))
        .findFirst()
        .flatMap(a -> a.detail("privateIPv4Address"));
  }

  public static FlowPlaces of(RegionView region) {
    return region.derived(FlowPlaces.class, FlowPlaces::new);
  }

  public FlowSummary summary() {
    return summary;
  }

  /** The interface a record was logged on, with its service when it belongs to one. */
  public Local local(String interfaceId) {
    return locals.computeIfAbsent(interfaceId, this::place);
  }

  private Local place(String id) {
    NetworkInterface eni = enis.get(id);
    Task task = tasksByEni.get(id);
    FlowSummary.InterfaceRow row = rows.get(id);
    Service service = null;
    String label = null;
    String taskId = null;
    if (task != null && task.serviceName().isPresent()) {
      service = service(task.clusterArn(), task.serviceName().get()).orElse(null);
      label =
          service != null
              ? label(service)
              : clusterName(task.clusterArn()) + "/" + task.serviceName().get();
      taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }
    if (label == null && row != null && row.ecsServiceName() != null) {
      String cluster = row.ecsClusterName();
      service =
          region.services().stream()
              .filter(s -> s.serviceName().equals(row.ecsServiceName()))
              .filter(s -> cluster == null || cluster.equals(s.clusterName()))
              .findFirst()
              .orElse(null);
      label =
          service != null
              ? label(service)
              : (cluster == null ? "" : cluster + "/") + row.ecsServiceName();
      taskId = row.ecsTaskId();
    }
    String subnetId =
        eni != null ? eni.subnetId() : task != null ? task.subnetId().orElse(null) : null;
    if (subnetId == null && row != null) subnetId = row.subnetId();
    String az = null;
    if (subnetId != null) az = region.subnet(subnetId).map(Subnet::availabilityZone).orElse(null);
    if (az == null && eni != null) az = eni.availabilityZone();
    if (az == null && task != null) az = task.availabilityZone();
    if (az == null && row != null && row.azId() != null) {
      az =
          region.data().ec2().subnets().stream()
              .filter(s -> row.azId().equals(s.availabilityZoneId()))
              .map(Subnet::availabilityZone)
              .findFirst()
              .orElse(row.azId());
    }
    String ip = eni != null ? eni.privateIpAddress() : null;
    if (ip == null && task != null) ip = taskIp(task).orElse(null);
    EniConsumer kind =
        task != null || label != null
            ? EniConsumer.ECS_TASK
            : eni != null ? classifier.classify(eni) : EniConsumer.OTHER;
    return new Local(id, eni, service, label, taskId, subnetId, az, ip, kind);
  }

  private Optional<Service> service(String clusterArn, String name) {
    return region.services().stream()
        .filter(s -> s.serviceName().equals(name))
        .filter(
            s -> clusterArn == null || s.clusterArn() == null || clusterArn.equals(s.clusterArn()))
        .findFirst();
  }

  private static String clusterName(String clusterArn) {
    return clusterArn == null ? "" : clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
  }

  public static String label(Service s) {
    return s.clusterName() + "/" + s.serviceName();
  }

  /**
   * What an address (or a folded class: {@code pl-...}, {@code 0.0.0.0/0}) is.
   *
   * @param awsService the record's pkt-*-aws-service, or null
   */
  public Peer peer(String address, String awsService) {
    if (address.startsWith("pl-")) {
      return new Peer(Kind.AWS_SERVICE, prefixListLabel(address), address, null, address);
    }
    Optional<Cidr> ip = Cidr.tryParse(address);
    if (ip.isEmpty() || address.contains("/")) {
      return awsService != null
          ? new Peer(Kind.AWS_SERVICE, awsLabel(awsService), address, null, awsService)
          : new Peer(Kind.INTERNET, "the internet", address, null, null);
    }
    boolean isPrivate =
        PRIVATE.stream().anyMatch(p -> p.contains(ip.get()))
            || region.data().ec2().vpcs().stream()
                .flatMap(v -> v.cidrBlocks().stream())
                .map(Cidr::tryParse)
                .flatMap(Optional::stream)
                .anyMatch(c -> c.contains(ip.get()));
    if (!isPrivate) {
      for (PrefixList pl : region.data().ec2().prefixLists()) {
        for (String c : pl.cidrs()) {
          if (Cidr.tryParse(c).map(r -> r.contains(ip.get())).orElse(false)) {
            return new Peer(
                Kind.AWS_SERVICE,
                prefixListLabel(pl.prefixListId()),
                address,
                null,
                pl.prefixListId());
          }
        }
      }
      if (awsService != null) {
        return new Peer(Kind.AWS_SERVICE, awsLabel(awsService), address, null, awsService);
      }
      return new Peer(Kind.INTERNET, "the internet (" + address + ")", address, null, null);
    }
    NetworkInterface eni = enisByIp.get(address);
    Task task = tasksByIp.get(address);
    if (task == null && eni != null) task = tasksByEni.get(eni.networkInterfaceId());
    String az =
        eni != null
            ? region
                .subnet(eni.subnetId())
                .map(Subnet::availabilityZone)
                .orElse(eni.availabilityZone())
            : task != null ? task.availabilityZone() : subnetAz(ip.get());
    if (task != null && task.serviceName().isPresent()) {
      String label =
          service(task.clusterArn(), task.serviceName().get())
              .map(FlowPlaces::label)
              .orElse(clusterName(task.clusterArn()) + "/" + task.serviceName().get());
      return new Peer(Kind.SERVICE, "service " + label, address, az, label);
    }
    Local viaFlows = rows.isEmpty() ? null : serviceLoggedWith(address);
    if (viaFlows != null) {
      return new Peer(
          Kind.SERVICE,
          "service " + viaFlows.serviceLabel(),
          address,
          viaFlows.az(),
          viaFlows.serviceLabel());
    }
    if (eni == null) {
      return new Peer(Kind.PRIVATE, address + " (no interface in the snapshot)", address, az, null);
    }
    NatGateway nat = natsByEni.get(eni.networkInterfaceId());
    if (nat != null) {
      return new Peer(
          Kind.NAT_GATEWAY, "NAT gateway " + nat.natGatewayId(), address, az, nat.natGatewayId());
    }
    VpcEndpoint endpoint = endpointsByEni.get(eni.networkInterfaceId());
    if (endpoint != null) {
      return new Peer(
          Kind.VPC_ENDPOINT,
          "VPC endpoint " + endpoint.vpcEndpointId() + " (" + endpoint.serviceName() + ")",
          address,
          az,
          endpoint.vpcEndpointId());
    }
    EniConsumer kind = classifier.classify(eni);
    if (kind == EniConsumer.LOAD_BALANCER) {
      String d = eni.description() == null ? "" : eni.description();
      String name = d.startsWith("ELB ") ? d.substring(4) : eni.networkInterfaceId();
      return new Peer(Kind.LOAD_BALANCER, "load balancer " + name, address, az, name);
    }
    if (kind == EniConsumer.NAT_GATEWAY) {
      return new Peer(
          Kind.NAT_GATEWAY,
          "NAT gateway (" + eni.networkInterfaceId() + ")",
          address,
          az,
          eni.networkInterfaceId());
    }
    return new Peer(
        Kind.OTHER_INTERFACE,
        kind.label() + " " + eni.networkInterfaceId() + " (" + address + ")",
        address,
        az,
        eni.networkInterfaceId());
  }

  // A task that has stopped since: its interface is gone from the snapshot, but its records carry
  // the version 7 ECS fields. Only an exact address match on a logged interface counts.
  private Local serviceLoggedWith(String address) {
    for (FlowSummary.InterfaceRow r : rows.values()) {
      if (r.ecsServiceName() == null) continue;
      Local l = local(r.interfaceId());
      if (address.equals(l.ip())) return l;
    }
    return null;
  }

  private String subnetAz(Cidr ip) {
    return region.data().ec2().subnets().stream()
        .filter(s -> Cidr.tryParse(s.cidrBlock()).map(c -> c.contains(ip)).orElse(false))
        .map(Subnet::availabilityZone)
        .findFirst()
        .orElse(null);
  }

  private String prefixListLabel(String id) {
    return region.data().ec2().prefixLists().stream()
        .filter(p -> p.prefixListId().equals(id))
        .findFirst()
        .map(p -> awsLabel(serviceOf(p.prefixListName())) + " (" + id + ")")
        .orElse("prefix list " + id);
  }

  /** S3 or DYNAMODB from a prefix list's name ({@code com.amazonaws.us-east-1.s3}). */
  public static String serviceOf(String prefixListName) {
    if (prefixListName == null) return "AMAZON";
    String last = prefixListName.substring(prefixListName.lastIndexOf('.') + 1);
    return last.toUpperCase(Locale.ROOT);
  }

  /** The prefix list of an id, by name (S3, DYNAMODB), or null. */
  public String prefixListService(String id) {
    return region.data().ec2().prefixLists().stream()
        .filter(p -> p.prefixListId().equals(id))
        .findFirst()
        .map(p -> serviceOf(p.prefixListName()))
        .orElse(null);
  }

  static String awsLabel(String service) {
    return switch (service) {
      case "S3" -> "S3";
      case "DYNAMODB" -> "DynamoDB";
      case "AMAZON" -> "AWS public endpoints (AMAZON)";
      default -> "AWS " + service;
    };
  }
}
