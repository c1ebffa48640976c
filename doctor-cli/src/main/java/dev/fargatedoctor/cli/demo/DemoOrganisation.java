package dev.fargatedoctor.cli.demo;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Tag;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.iam.IamData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small organisation for {@code demo --org}: the demo's production account; a network account
 * that owns a VPC shared (through AWS RAM) with two workload accounts, payments and orders, each
 * running a service in its subnets beside the network account's own proxy; payments near its own
 * ENI quota; and an analytics account whose role could not be assumed, which the report must call
 * UNKNOWN. In shared-a every account's deployment fits alone but not all three at once, which only
 * the organisation view can tell; in shared-b analytics' interfaces stay unseen but cannot matter.
 */
public final class DemoOrganisation {
  public static final String NETWORK = "444455556666";
  public static final String PAYMENTS = "777788889999";
  public static final String ORDERS = "222233334444";
  public static final String ANALYTICS = "999900001111";
  private static final String REGION = DemoEnvironment.REGION;
  private static final String SHARED_VPC = "vpc-0shared";
  private static final String SHARED_A = "subnet-0shareda";
  private static final String SHARED_B = "subnet-0sharedb";

  /** One account of the demo organisation: its snapshot, or what kept it from being scanned. */
  public record Member(String account, String name, Snapshot snapshot, List<Coverage> gaps) {}

  /**
   * A service one account runs in the shared subnets: its tasks, half in each, and its deployment's
   * maximumPercent.
   */
  private record Workload(
      String account, String cluster, String service, int tasks, int maximumPercent) {}

  private static final Workload EDGE = new Workload(NETWORK, "edge", "proxy", 20, 200);
  private static final Workload LEDGER = new Workload(PAYMENTS, "payments", "ledger", 80, 200);
  private static final Workload ORDERS_API = new Workload(ORDERS, "orders", "api", 40, 150);

  private DemoOrganisation() {}

  public static List<Member> build(Clock clock) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<Member> members = new ArrayList<>();
    Snapshot production = DemoEnvironment.build(clock);
    members.add(new Member(DemoEnvironment.ACCOUNT, "production", production, List.of()));
    // every step the collector makes went through in the smaller accounts
    List<Coverage> collected = production.coverage().stream().filter(Coverage::collected).toList();
    // The owner sees every interface in its shared subnets, whoever created them; analytics, which
    // could not be scanned, holds 12 in shared-b.
    List<NetworkInterface> seenByOwner = new ArrayList<>(natInterfaces());
    for (Workload w : List.of(EDGE, LEDGER, ORDERS_API)) seenByOwner.addAll(taskInterfaces(w));
    seenByOwner.addAll(interfaces(ANALYTICS, SHARED_B, "10.20.1.", 200, 12));
    members.add(
        new Member(
            NETWORK,
            "network",
            account(NETWORK, now, true, List.of(), seenByOwner, EDGE, 5000.0, collected),
            List.of()));
    // A participant sees the shared subnets, and only its own interfaces: payments 850 of its
    // quota of 1,000 (a batch tier it scaled out in a VPC of its own beside the shared one).
    List<NetworkInterface> payments = new ArrayList<>(taskInterfaces(LEDGER));
    payments.addAll(interfaces(PAYMENTS, "subnet-0batch", "10.30.", 0, 770));
    Subnet batch =
        new Subnet(
            "subnet-0batch",
            "vpc-0batch",
            REGION + "a",
            null,
            "10.30.0.0/20",
            4096 - 5 - 770,
            false,
            List.of(new Tag("Name", "batch")),
            PAYMENTS);
    members.add(
        new Member(
            PAYMENTS,
            "payments",
            account(PAYMENTS, now, false, List.of(batch), payments, LEDGER, 1000.0, collected),
            List.of()));
    members.add(
        new Member(
            ORDERS,
            "orders",
            account(
                ORDERS,
                now,
                false,
                List.of(),
                taskInterfaces(ORDERS_API),
                ORDERS_API,
                1000.0,
                collected),
            List.of()));
    String role = "arn:aws:iam::" + ANALYTICS + ":role/OrganizationAccountAccessRole";
    members.add(
        new Member(
            ANALYTICS,
            "analytics",
            null,
            List.of(
                new Coverage(
                    Coverage.GLOBAL,
                    "sts:AssumeRole",
                    Coverage.Outcome.DENIED,
                    role,
                    "account "
                        + ANALYTICS
                        + " not scanned: the role "
                        + role
                        + " could not be assumed (AccessDenied: User: arn:aws:sts::"
                        + DemoEnvironment.ACCOUNT
                        + ":assumed-role/oncall/alex is not authorized to perform: sts:AssumeRole);"
                        + " the caller needs sts:AssumeRole on it and the role's trust policy must"
                        + " allow the caller",
                    1,
                    0))));
    return members;
  }

  // In use in shared-a (/25, 123 usable): 10 + 40 + 20 task interfaces; in shared-b (/24, 251
  // usable): the same and analytics' 12. Tags are the owner's only: AWS does not share them.
  private static List<Subnet> sharedSubnets(boolean owner) {
    return List.of(
        shared(SHARED_A, "a", "10.20.0.0/25", 123 - 70, "shared-a", owner),
        shared(SHARED_B, "b", "10.20.1.0/24", 251 - 82, "shared-b", owner),
        shared("subnet-0sharedpuba", "a", "10.20.100.0/24", 251 - 1, "shared-public-a", owner),
        shared("subnet-0sharedpubb", "b", "10.20.101.0/24", 251 - 1, "shared-public-b", owner));
  }

  private static Subnet shared(
      String id, String az, String cidr, int free, String name, boolean owner) {
    return new Subnet(
        id,
        SHARED_VPC,
        REGION + az,
        null,
        cidr,
        free,
        false,
        owner ? List.of(new Tag("Name", name)) : List.of(),
        NETWORK);
  }

  /**
   * The shared VPC's network as every account sees it (participants may describe the VPC's route
   * tables, network ACLs and gateways): each task subnet routes to a NAT gateway in its own AZ.
   */
  private static Ec2Data sharedNetwork(
      boolean owner, List<Subnet> own, List<NetworkInterface> enis, String securityGroup) {
    List<Vpc> vpcs = new ArrayList<>();
    vpcs.add(
        new Vpc(
            SHARED_VPC,
            "10.20.0.0/16",
            null,
            false,
            owner ? List.of(new Tag("Name", "shared")) : List.of(),
            NETWORK));
    if (own.stream().anyMatch(s -> s.vpcId().equals("vpc-0batch"))) {
      vpcs.add(
          new Vpc(
              "vpc-0batch",
              "10.30.0.0/16",
              null,
              false,
              List.of(new Tag("Name", "batch")),
              PAYMENTS));
    }
    List<Subnet> subnets = new ArrayList<>(sharedSubnets(owner));
    subnets.addAll(own);
    List<RouteTable> tables = new ArrayList<>();
    tables.add(
        table(
            "rtb-0sharedpub",
            Route.of("0.0.0.0/0", "igw-0shared", "CreateRoute"),
            "subnet-0sharedpuba",
            "subnet-0sharedpubb"));
    tables.add(
        table("rtb-0shareda", Route.of("0.0.0.0/0", "nat-0shareda", "CreateRoute"), SHARED_A));
    tables.add(
        table("rtb-0sharedb", Route.of("0.0.0.0/0", "nat-0sharedb", "CreateRoute"), SHARED_B));
    List<NatGateway> nats =
        List.of(
            nat("nat-0shareda", "subnet-0sharedpuba", "eni-0natshareda", "10.20.100.10"),
            nat("nat-0sharedb", "subnet-0sharedpubb", "eni-0natsharedb", "10.20.101.10"));
    List<NetworkAcl.Association> acl = new ArrayList<>();
    for (Subnet s : sharedSubnets(owner))
      acl.add(
          new NetworkAcl.Association(
              "aclassoc-0" + s.subnetId().substring(8), "acl-0shared", s.subnetId()));
    List<NetworkAcl.Entry> open =
        List.of(
            new NetworkAcl.Entry(100, "-1", "allow", false, "0.0.0.0/0", null, null),
            new NetworkAcl.Entry(32767, "-1", "deny", false, "0.0.0.0/0", null, null),
            new NetworkAcl.Entry(100, "-1", "allow", true, "0.0.0.0/0", null, null),
            new NetworkAcl.Entry(32767, "-1", "deny", true, "0.0.0.0/0", null, null));
    SecurityGroup group =
        new SecurityGroup(
            securityGroup,
            securityGroup.substring(3),
            SHARED_VPC,
            "tasks of " + securityGroup.substring(4),
            List.of(),
            List.of(
                new SecurityGroup.Permission(
                    "-1",
                    null,
                    null,
                    List.of(new SecurityGroup.IpRange("0.0.0.0/0", null)),
                    null,
                    null,
                    null)),
            null);
    return new Ec2Data(
        vpcs,
        subnets,
        tables,
        nats,
        List.of(
            new InternetGateway(
                "igw-0shared",
                List.of(new InternetGateway.Attachment(SHARED_VPC, "available")),
                null)),
        List.of(),
        List.of(new NetworkAcl("acl-0shared", SHARED_VPC, true, open, acl, null)),
        List.of(group),
        enis,
        List.of(),
        List.of());
  }

  private static RouteTable table(String id, Route route, String... subnets) {
    Route local = Route.local("10.20.0.0/16");
    List<RouteTable.Association> associations = new ArrayList<>();
    for (String s : subnets)
      associations.add(
          new RouteTable.Association("rtbassoc-0" + s.substring(8), id, s, null, false));
    return new RouteTable(id, SHARED_VPC, List.of(local, route), associations, null);
  }

  private static NatGateway nat(String id, String subnet, String eni, String ip) {
    return new NatGateway(
        id,
        subnet,
        SHARED_VPC,
        "available",
        "public",
        List.of(new NatGateway.Address("eipalloc-0" + id.substring(4), eni, ip, "3.90.0.1")),
        null,
        null,
        null);
  }

  private static List<NetworkInterface> natInterfaces() {
    List<NetworkInterface> out = new ArrayList<>();
    for (String az : List.of("a", "b")) {
      out.add(
          new NetworkInterface(
              "eni-0natshared" + az,
              "subnet-0sharedpub" + az,
              SHARED_VPC,
              REGION + az,
              "Interface for NAT Gateway nat-0shared" + az,
              "nat_gateway",
              null,
              true,
              "in-use",
              az.equals("a") ? "10.20.100.10" : "10.20.101.10",
              null,
              null,
              List.of(),
              NETWORK));
    }
    return out;
  }

  private static Snapshot account(
      String account,
      Instant now,
      boolean owner,
      List<Subnet> own,
      List<NetworkInterface> enis,
      Workload workload,
      double eniQuota,
      List<Coverage> coverage) {
    String group = "sg-0" + workload.cluster();
    Ec2Data ec2 = sharedNetwork(owner, own, enis, group);
    RegionSnapshot region =
        new RegionSnapshot(
            REGION,
            ec2,
            ecs(workload, now, group),
            List.of(
                new ServiceQuota(
                    "vpc",
                    ServiceQuota.NETWORK_INTERFACES_CODE,
                    ServiceQuota.NETWORK_INTERFACES_NAME,
                    eniQuota,
                    ServiceQuota.SOURCE_APPLIED),
                new ServiceQuota(
                    "fargate",
                    ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                    ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                    1000.0,
                    ServiceQuota.SOURCE_APPLIED)),
            null,
            List.of(),
            List.of(),
            null);
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor",
            "demo",
            now,
            "demo",
            account,
            "arn:aws:sts::"
                + account
                + ":assumed-role/OrganizationAccountAccessRole/fargate-doctor",
            List.of(REGION),
            null),
        List.of(region),
        IamData.EMPTY,
        coverage);
  }

  /**
   * The workload's cluster, service (steady, half its tasks in each shared subnet), task definition
   * (a public image, no roles to check) and running tasks.
   */
  private static EcsData ecs(Workload w, Instant now, String securityGroup) {
    String prefix = "arn:aws:ecs:" + REGION + ":" + w.account() + ":";
    String cluster = prefix + "cluster/" + w.cluster();
    String td = prefix + "task-definition/" + w.service() + ":3";
    Instant deployed = now.minus(Duration.ofDays(6));
    String deployment = "ecs-svc/" + w.account().substring(6) + "000001";
    Service service =
        new Service(
            prefix + "service/" + w.cluster() + "/" + w.service(),
            w.service(),
            cluster,
            "ACTIVE",
            w.tasks(),
            w.tasks(),
            0,
            "FARGATE",
            null,
            "1.4.0",
            td,
            new Service.DeploymentConfiguration(
                new Service.CircuitBreaker(true, true), w.maximumPercent(), 100),
            new Service.DeploymentController("ECS"),
            List.of(
                new Service.Deployment(
                    deployment,
                    "PRIMARY",
                    td,
                    w.tasks(),
                    0,
                    w.tasks(),
                    0,
                    deployed,
                    deployed.plus(Duration.ofMinutes(9)),
                    "FARGATE",
                    "1.4.0",
                    "COMPLETED",
                    "ECS deployment " + deployment + " completed.")),
            new Service.NetworkConfiguration(
                new Service.AwsVpcConfiguration(
                    List.of(SHARED_A, SHARED_B), List.of(securityGroup), "DISABLED")),
            List.of(),
            List.of(
                new Service.ServiceEvent(
                    "e-" + w.account().substring(6),
                    now.minus(Duration.ofHours(2)),
                    "(service " + w.service() + ") has reached a steady state.")),
            true,
            null,
            now.minus(Duration.ofDays(120)));
    TaskDefinition definition =
        new TaskDefinition(
            td,
            w.service(),
            3,
            "ACTIVE",
            null,
            null,
            "awsvpc",
            "512",
            "1024",
            List.of("FARGATE"),
            null,
            null,
            List.of(
                new TaskDefinition.ContainerDefinition(
                    w.service(),
                    "public.ecr.aws/nginx/nginx:1.27",
                    null,
                    null,
                    null,
                    true,
                    List.of(),
                    List.of(),
                    null,
                    List.of(),
                    null,
                    null,
                    null)));
    List<Task> tasks = new ArrayList<>();
    List<NetworkInterface> enis = taskInterfaces(w);
    for (int i = 0; i < enis.size(); i++) {
      NetworkInterface eni = enis.get(i);
      tasks.add(
          new Task(
              prefix
                  + "task/"
                  + w.cluster()
                  + "/"
                  + w.account().substring(6)
                  + String.format("%04d", i),
              cluster,
              td,
              "service:" + w.service(),
              deployment,
              "RUNNING",
              "RUNNING",
              "FARGATE",
              "1.4.0",
              eni.availabilityZone(),
              "512",
              "1024",
              deployed,
              deployed,
              null,
              null,
              null,
              null,
              "HEALTHY",
              true,
              List.of(
                  new Task.Attachment(
                      "att-" + eni.networkInterfaceId().substring(4),
                      "ElasticNetworkInterface",
                      "ATTACHED",
                      List.of(
                          new KeyValue("subnetId", eni.subnetId()),
                          new KeyValue("networkInterfaceId", eni.networkInterfaceId()),
                          new KeyValue("privateIPv4Address", eni.privateIpAddress())))),
              List.of(),
              null,
              null));
    }
    return new EcsData(
        List.of(
            new Cluster(
                cluster,
                w.cluster(),
                "ACTIVE",
                w.tasks(),
                0,
                1,
                List.of("FARGATE"),
                List.of(),
                null)),
        List.of(service),
        List.of(definition),
        tasks);
  }

  /** A workload's task interfaces: half in shared-a, half in shared-b. */
  private static List<NetworkInterface> taskInterfaces(Workload w) {
    int offset = w.account().equals(NETWORK) ? 10 : w.account().equals(PAYMENTS) ? 40 : 100;
    List<NetworkInterface> out = new ArrayList<>();
    out.addAll(interfaces(w.account(), SHARED_A, "10.20.0.", offset, w.tasks() / 2));
    out.addAll(interfaces(w.account(), SHARED_B, "10.20.1.", offset, w.tasks() - w.tasks() / 2));
    return out;
  }

  private static List<NetworkInterface> interfaces(
      String owner, String subnet, String prefix, int first, int count) {
    List<NetworkInterface> out = new ArrayList<>();
    String az = subnet.endsWith("b") ? REGION + "b" : REGION + "a";
    String vpc = subnet.startsWith("subnet-0shared") ? SHARED_VPC : "vpc-0batch";
    for (int i = 0; i < count; i++) {
      String ip =
          prefix.chars().filter(c -> c == '.').count() == 3
              ? prefix + (first + i)
              : prefix + (i / 250) + "." + (10 + i % 240);
      out.add(
          new NetworkInterface(
              "eni-0" + owner.substring(8) + subnet.substring(8) + String.format("%04d", i),
              subnet,
              vpc,
              az,
              "arn:aws:ecs:" + REGION + ":" + owner + ":attachment/" + String.format("%08d", i),
              "interface",
              "578734482556",
              true,
              "in-use",
              ip,
              null,
              null,
              List.of(),
              owner));
    }
    return out;
  }
}
