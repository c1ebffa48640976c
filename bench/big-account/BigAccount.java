import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.FlowLog;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.Role;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the snapshot of a big account for bench/big-account: at scale 1, one region with 25 VPCs
 * of 40 subnets (1,000), 2,000 services in 20 clusters, 6,000 tasks, 100,000 network interfaces
 * (the tasks' and those of Lambda, load balancers, endpoints, NAT gateways, RDS and EC2), the
 * routes, NAT gateways, endpoints, network ACLs and security groups around them, 2,020 IAM roles,
 * load balancers with their targets, six hours of memory per service and CloudTrail changes; every
 * collection step OK, so every check runs. Scale N multiplies every count by N (new VPCs, clusters,
 * services and interfaces, not copies of the same ids). A few resources are broken on purpose in
 * each slice, so checks fire as well as pass.
 *
 * <p>Usage: {@code java -cp fargate-doctor.jar BigAccount.java SCALE OUT.json.gz}
 */
public class BigAccount {
  static final String R = "us-east-1";
  static final String ACCOUNT = "123456789012";
  static final String[] AZS = {"us-east-1a", "us-east-1b", "us-east-1c"};
  static final String[] AZ_IDS = {"use1-az6", "use1-az1", "use1-az2"};
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static final int VPCS = 25;
  static final int PRIVATE_PER_VPC = 37;
  static final int CLUSTERS = 20;
  static final int SERVICES = 2000;
  static final int TASKS_PER_SERVICE = 3;
  static final int INTERFACES = 100_000;
  static final int METRIC_POINTS = 360; // six hours at one minute

  final List<Vpc> vpcs = new ArrayList<>();
  final List<Subnet> subnets = new ArrayList<>();
  final List<RouteTable> tables = new ArrayList<>();
  final List<NatGateway> nats = new ArrayList<>();
  final List<InternetGateway> igws = new ArrayList<>();
  final List<VpcEndpoint> endpoints = new ArrayList<>();
  final List<NetworkAcl> acls = new ArrayList<>();
  final List<SecurityGroup> groups = new ArrayList<>();
  final List<NetworkInterface> enis = new ArrayList<>();
  final List<FlowLog> flowLogs = new ArrayList<>();
  final List<Cluster> clusters = new ArrayList<>();
  final List<Service> services = new ArrayList<>();
  final List<TaskDefinition> taskDefinitions = new ArrayList<>();
  final List<Task> tasks = new ArrayList<>();
  final List<Role> roles = new ArrayList<>();
  final List<ElbData.LoadBalancer> loadBalancers = new ArrayList<>();
  final List<ElbData.TargetGroup> targetGroups = new ArrayList<>();
  final List<ElbData.TargetHealthDescription> targetHealth = new ArrayList<>();
  final List<MetricSeries> metrics = new ArrayList<>();
  final List<CloudTrailEvent> trail = new ArrayList<>();

  /** Private subnets per VPC, three (one per AZ) per service. */
  final List<List<Subnet>> privates = new ArrayList<>();

  int eniSeq;

  public static void main(String[] args) throws Exception {
    int scale = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    long t0 = System.nanoTime();
    Snapshot s = new BigAccount().build(scale);
    SnapshotFiles.write(s, out);
    RegionSnapshot r = s.regions().get(0);
    System.out.printf(
        "scale %d: %,d network interfaces, %,d services, %,d tasks, %,d subnets, %,d roles, %,d metric"
            + " points -> %s (%.1f MB, %.1f s)%n",
        scale,
        r.ec2().networkInterfaces().size(),
        r.ecs().services().size(),
        r.ecs().tasks().size(),
        r.ec2().subnets().size(),
        s.iam().roles().size(),
        r.metrics().stream().mapToInt(MetricSeries::size).sum(),
        out,
        Files.size(out) / 1e6,
        (System.nanoTime() - t0) / 1e9);
  }

  Snapshot build(int scale) throws Exception {
    for (int v = 0; v < VPCS * scale; v++) network(v);
    for (int c = 0; c < CLUSTERS * scale; c++) cluster(c);
    for (int i = 0; i < SERVICES * scale; i++) service(i);
    // The rest of the Region's interfaces: other consumers, spread over the private subnets.
    List<Subnet> all = privates.stream().flatMap(List::stream).toList();
    int i = 0;
    while (enis.size() < INTERFACES * scale) otherInterface(all.get(i % all.size()), i++);
    for (int k = 0; k < 50 * scale; k++) trailEvent(k);
    freeAddresses();
    List<ServiceQuota> quotas =
        List.of(
            new ServiceQuota(
                "vpc",
                ServiceQuota.NETWORK_INTERFACES_CODE,
                ServiceQuota.NETWORK_INTERFACES_NAME,
                130_000.0 * scale,
                "applied"),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                8_000.0 * scale,
                "applied"),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_SPOT_VCPU_CODE,
                ServiceQuota.FARGATE_SPOT_VCPU_NAME,
                2_000.0 * scale,
                "applied"));
    Ec2Data ec2 =
        new Ec2Data(
            vpcs,
            subnets,
            tables,
            nats,
            igws,
            endpoints,
            acls,
            groups,
            enis,
            flowLogs,
            List.of(
                new PrefixList(
                    "pl-63a5400a",
                    "com.amazonaws." + R + ".s3",
                    List.of("52.216.0.0/15", "54.231.0.0/16", "3.5.0.0/19"))));
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor",
            "bench",
            NOW,
            "live",
            ACCOUNT,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/scanner/bench",
            List.of(R),
            null),
        List.of(
            new RegionSnapshot(
                R,
                ec2,
                new EcsData(clusters, services, taskDefinitions, tasks),
                quotas,
                new ElbData(loadBalancers, targetGroups, targetHealth),
                metrics,
                trail)),
        new IamData(roles, List.of()),
        coverage());
  }

  /** What EC2 reports as free in each subnet: its size, less AWS's five, less its interfaces. */
  void freeAddresses() {
    Map<String, Integer> used = new java.util.HashMap<>();
    for (NetworkInterface e : enis) used.merge(e.subnetId(), 1, Integer::sum);
    subnets.replaceAll(
        s -> {
          int size =
              1 << (32 - Integer.parseInt(s.cidrBlock().substring(s.cidrBlock().indexOf('/') + 1)));
          return new Subnet(
              s.subnetId(),
              s.vpcId(),
              s.availabilityZone(),
              s.availabilityZoneId(),
              s.cidrBlock(),
              size - 5 - used.getOrDefault(s.subnetId(), 0),
              s.mapPublicIpOnLaunch(),
              s.tags());
        });
  }

  /** Every action the catalogue reads, collected: no check is skipped for want of data. */
  static List<Coverage> coverage() {
    Set<Input> inputs = new LinkedHashSet<>();
    for (Check c : CheckRegistry.all()) inputs.addAll(List.of(c.info().needs()));
    List<Coverage> out = new ArrayList<>();
    for (Input in : inputs) {
      for (String action : in.actions()) {
        out.add(Coverage.ok(in.isGlobal() ? Coverage.GLOBAL : R, action, null, 3, 0));
        if (in.alternatives()) break;
      }
    }
    out.add(Coverage.ok(R, "servicequotas:GetServiceQuota", null, 3, 0));
    out.add(Coverage.ok(R, "ec2:DescribeVpcs", null, 1, 0));
    return out;
  }

  void network(int v) {
    String vpc = "vpc-" + hex(v, 17);
    String prefix = (10 + v / 250) + "." + (v % 250) + ".";
    vpcs.add(new Vpc(vpc, prefix + "0.0/16", null, false, null));
    String igw = "igw-" + hex(v, 17);
    igws.add(
        new InternetGateway(igw, List.of(new InternetGateway.Attachment(vpc, "available")), null));
    Route local = Route.local(prefix + "0.0/16");
    String pubTable = "rtb-p" + hex(v, 16);
    List<RouteTable.Association> pubAssoc = new ArrayList<>();
    pubAssoc.add(new RouteTable.Association("rtbassoc-m" + hex(v, 16), pubTable, null, null, true));
    String openAcl = "acl-o" + hex(v, 16);
    String lockedAcl = "acl-l" + hex(v, 16);
    List<NetworkAcl.Association> open = new ArrayList<>();
    List<NetworkAcl.Association> locked = new ArrayList<>();
    String[] natIds = new String[3];
    for (int a = 0; a < 3; a++) {
      String sub = "subnet-p" + hex(v * 3 + a, 16);
      subnets.add(
          new Subnet(sub, vpc, AZS[a], AZ_IDS[a], prefix + (240 + a) + ".0/24", 240, true, null));
      natIds[a] = "nat-" + hex(v * 3 + a, 17);
      String natEni = nextEni();
      nats.add(
          new NatGateway(
              natIds[a],
              sub,
              vpc,
              "available",
              "public",
              List.of(
                  new NatGateway.Address(
                      "eipalloc-" + hex(v * 3 + a, 17),
                      natEni,
                      prefix + (240 + a) + ".10",
                      "54.0." + (v % 250) + "." + a)),
              null,
              null,
              null));
      enis.add(
          eni(
              natEni,
              subnets.get(subnets.size() - 1),
              "Interface for NAT Gateway " + natIds[a],
              "nat_gateway",
              "AIDA" + hex(v, 12),
              true,
              prefix + (240 + a) + ".10",
              List.of()));
      open.add(new NetworkAcl.Association("aclassoc-p" + hex(v * 3 + a, 16), openAcl, sub));
    }
    tables.add(
        new RouteTable(
            pubTable,
            vpc,
            List.of(local, Route.of("0.0.0.0/0", igw, "CreateRoute")),
            pubAssoc,
            null));
    boolean withEndpoints = v % 2 == 0;
    // One route table per AZ, as most VPCs have; one VPC in five routes AZ c through AZ a's NAT.
    List<List<RouteTable.Association>> azAssoc =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Subnet> mine = new ArrayList<>();
    for (int i = 0; i < PRIVATE_PER_VPC; i++) {
      int a = i % 3;
      String sub = "subnet-" + hex(v * 64 + i, 17);
      String cidr = prefix + (i * 4) + ".0/22";
      Subnet s = new Subnet(sub, vpc, AZS[a], AZ_IDS[a], cidr, 1019, false, null);
      subnets.add(s);
      mine.add(s);
      String table = "rtb-" + hex(v * 3 + a, 17);
      azAssoc
          .get(a)
          .add(
              new RouteTable.Association(
                  "rtbassoc-" + hex(v * 64 + i, 17), table, sub, null, false));
      boolean strict = v % 5 == 2 && i / 3 == 4;
      (strict ? locked : open)
          .add(
              new NetworkAcl.Association(
                  "aclassoc-" + hex(v * 64 + i, 16), strict ? lockedAcl : openAcl, sub));
    }
    privates.add(mine);
    for (int a = 0; a < 3; a++) {
      String nat = (v % 5 == 3 && a == 2) ? natIds[0] : natIds[a];
      List<Route> routes =
          new ArrayList<>(List.of(local, Route.of("0.0.0.0/0", nat, "CreateRoute")));
      if (withEndpoints) routes.add(Route.of("pl-63a5400a", "vpce-s" + hex(v, 16), "CreateRoute"));
      tables.add(new RouteTable("rtb-" + hex(v * 3 + a, 17), vpc, routes, azAssoc.get(a), null));
    }
    acls.add(
        new NetworkAcl(
            openAcl,
            vpc,
            true,
            List.of(
                new NetworkAcl.Entry(100, "-1", "allow", false, "0.0.0.0/0", null, null),
                new NetworkAcl.Entry(32767, "-1", "deny", false, "0.0.0.0/0", null, null),
                new NetworkAcl.Entry(100, "-1", "allow", true, "0.0.0.0/0", null, null),
                new NetworkAcl.Entry(32767, "-1", "deny", true, "0.0.0.0/0", null, null)),
            open,
            null));
    // Stricter subnets: replies only from inside the VPC, so the way out through NAT is blocked.
    List<NetworkAcl.Entry> strict = new ArrayList<>();
    strict.add(
        new NetworkAcl.Entry(
            50, "6", "deny", false, "0.0.0.0/0", null, new NetworkAcl.PortRange(22, 22)));
    strict.add(
        new NetworkAcl.Entry(
            100,
            "6",
            "allow",
            false,
            prefix + "0.0/16",
            null,
            new NetworkAcl.PortRange(1024, 65535)));
    strict.add(
        new NetworkAcl.Entry(
            110, "6", "allow", false, prefix + "0.0/16", null, new NetworkAcl.PortRange(443, 443)));
    for (int k = 0; k < 12; k++) {
      strict.add(
          new NetworkAcl.Entry(
              200 + k,
              "6",
              "deny",
              false,
              "192.168." + k + ".0/24",
              null,
              new NetworkAcl.PortRange(0, 65535)));
    }
    strict.add(new NetworkAcl.Entry(32767, "-1", "deny", false, "0.0.0.0/0", null, null));
    strict.add(
        new NetworkAcl.Entry(
            100, "6", "allow", true, "0.0.0.0/0", null, new NetworkAcl.PortRange(443, 443)));
    strict.add(
        new NetworkAcl.Entry(
            110,
            "6",
            "allow",
            true,
            prefix + "0.0/16",
            null,
            new NetworkAcl.PortRange(1024, 65535)));
    strict.add(new NetworkAcl.Entry(32767, "-1", "deny", true, "0.0.0.0/0", null, null));
    acls.add(new NetworkAcl(lockedAcl, vpc, false, strict, locked, null));
    String endpointGroup = "sg-e" + hex(v, 16);
    groups.add(
        new SecurityGroup(
            endpointGroup,
            "endpoints",
            vpc,
            "interface endpoints",
            List.of(
                new SecurityGroup.Permission(
                    "tcp",
                    443,
                    443,
                    List.of(new SecurityGroup.IpRange(prefix + "0.0/16", null)),
                    null,
                    null,
                    null)),
            List.of(),
            null));
    if (withEndpoints) {
      int e = 0;
      for (String svc : List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager")) {
        String id = "vpce-" + hex(v * 8 + e++, 17);
        List<String> endpointEnis = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
          String eniId = nextEni();
          endpointEnis.add(eniId);
          enis.add(
              eni(
                  eniId,
                  mine.get(a),
                  "VPC Endpoint Interface " + id,
                  "vpc_endpoint",
                  "AIDAENDPOINT",
                  true,
                  ip(mine.get(a), 5 + e),
                  List.of(new SecurityGroup.GroupIdentifier(endpointGroup, "endpoints"))));
        }
        endpoints.add(
            new VpcEndpoint(
                id,
                vpc,
                "com.amazonaws." + R + "." + svc,
                "Interface",
                "available",
                List.of(mine.get(0).subnetId(), mine.get(1).subnetId(), mine.get(2).subnetId()),
                null,
                true,
                List.of(new SecurityGroup.GroupIdentifier(endpointGroup, "endpoints")),
                endpointEnis));
      }
      endpoints.add(
          new VpcEndpoint(
              "vpce-s" + hex(v, 16),
              vpc,
              "com.amazonaws." + R + ".s3",
              "Gateway",
              "available",
              null,
              List.of(
                  "rtb-" + hex(v * 3, 17),
                  "rtb-" + hex(v * 3 + 1, 17),
                  "rtb-" + hex(v * 3 + 2, 17)),
              null,
              null,
              null));
    }
    if (v % 5 != 1) {
      flowLogs.add(
          new FlowLog(
              "fl-" + hex(v, 17),
              vpc,
              "ALL",
              "cloud-watch-logs",
              null,
              "/vpc/flow/" + v,
              "ACTIVE",
              "SUCCESS",
              null,
              null));
    }
  }

  void cluster(int c) {
    String name = "cluster-" + c;
    boolean insights = c % 2 == 0;
    clusters.add(
        new Cluster(
            arn("cluster", name),
            name,
            "ACTIVE",
            0,
            0,
            0,
            List.of("FARGATE", "FARGATE_SPOT"),
            List.of(new KeyValue("containerInsights", insights ? "enabled" : "disabled"))));
    // One execution role per cluster; one cluster in ten has a trust policy ECS cannot use.
    roles.add(
        role(
            "exec-" + name,
            c % 10 == 7 ? "ec2.amazonaws.com" : "ecs-tasks.amazonaws.com",
            List.of(
                new Role.AttachedPolicy(
                    "AmazonECSTaskExecutionRolePolicy",
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                    "v1",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:GetAuthorizationToken\","
                            + "\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\","
                            + "\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}"))),
            List.of(
                new Role.InlinePolicy(
                    "secrets",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\","
                            + "\"Resource\":\"arn:aws:secretsmanager:"
                            + R
                            + ":"
                            + ACCOUNT
                            + ":secret:"
                            + name
                            + "/*\"}]}")))));
  }

  void service(int i) {
    int c = i % clusters.size();
    String cluster = "cluster-" + c;
    String name = "svc-" + i;
    int v = i % vpcs.size();
    List<Subnet> own = privates.get(v);
    int base = (i / vpcs.size()) % (PRIVATE_PER_VPC / 3);
    List<Subnet> mine = List.of(own.get(base * 3), own.get(base * 3 + 1), own.get(base * 3 + 2));
    String sg = "sg-" + hex(i, 17);
    groups.add(
        new SecurityGroup(
            sg,
            name,
            vpcs.get(v).vpcId(),
            "service " + name,
            List.of(
                new SecurityGroup.Permission(
                    "tcp",
                    8080,
                    8080,
                    List.of(),
                    null,
                    null,
                    List.of(
                        new SecurityGroup.UserIdGroupPair(
                            "sg-lb" + hex(i / 10, 15), ACCOUNT, null)))),
            List.of(
                new SecurityGroup.Permission(
                    "-1",
                    null,
                    null,
                    List.of(new SecurityGroup.IpRange("0.0.0.0/0", null)),
                    null,
                    null,
                    null)),
            null));
    String taskRole = "task-" + name;
    roles.add(
        role(
            taskRole,
            "ecs-tasks.amazonaws.com",
            List.of(),
            List.of(
                new Role.InlinePolicy(
                    "app",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                            + "\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\",\"ssmmessages:OpenControlChannel\","
                            + "\"ssmmessages:OpenDataChannel\"],\"Resource\":\"*\"}]}")))));
    String cpu = Integer.toString(256 << (i % 3));
    String memory = Integer.toString(1024 << (i % 3));
    String td = arn("task-definition", name + ":" + (3 + i % 5));
    taskDefinitions.add(
        new TaskDefinition(
            td,
            name,
            3 + i % 5,
            "ACTIVE",
            "arn:aws:iam::" + ACCOUNT + ":role/" + taskRole,
            "arn:aws:iam::" + ACCOUNT + ":role/exec-" + cluster,
            "awsvpc",
            cpu,
            memory,
            List.of("FARGATE"),
            null,
            null,
            List.of(
                new TaskDefinition.ContainerDefinition(
                    "app",
                    ACCOUNT + ".dkr.ecr." + R + ".amazonaws.com/" + name + ":" + (100 + i),
                    null,
                    null,
                    null,
                    true,
                    List.of(
                        dev.fargatedoctor.snapshot.ecs.EnvironmentVariable.redact(
                            "LOG_LEVEL", "info"),
                        dev.fargatedoctor.snapshot.ecs.EnvironmentVariable.redact(
                            i % 97 == 5 ? "DB_PASSWORD" : "REGION", i % 97 == 5 ? "hunter2" : R)),
                    i % 3 == 0
                        ? List.of(
                            new TaskDefinition.Secret(
                                "DB",
                                "arn:aws:secretsmanager:"
                                    + R
                                    + ":"
                                    + ACCOUNT
                                    + ":secret:"
                                    + cluster
                                    + "/db-AbCdEf"))
                        : List.of(),
                    new TaskDefinition.LogConfiguration(
                        "awslogs",
                        Map.of(
                            "awslogs-group",
                            "/ecs/" + name,
                            "awslogs-region",
                            R,
                            "awslogs-stream-prefix",
                            "app")),
                    List.of(new TaskDefinition.PortMapping(8080, 8080, "tcp")),
                    new TaskDefinition.HealthCheck(
                        List.of("CMD-SHELL", "curl -f http://localhost:8080/health"), 30, 5, 3, 60),
                    new TaskDefinition.LinuxParameters(true),
                    false))));
    boolean withLb = i % 5 == 0;
    String tg = null;
    if (withLb) tg = loadBalancer(i, v, mine);
    int running = i % 50 == 17 ? 2 : TASKS_PER_SERVICE;
    Instant created = NOW.minus(30 + i % 200, ChronoUnit.DAYS);
    List<Service.ServiceEvent> events = new ArrayList<>();
    for (int e = 0; e < 8; e++) {
      events.add(
          new Service.ServiceEvent(
              java.util.UUID.nameUUIDFromBytes((name + e).getBytes()).toString(),
              NOW.minus(e * 6L + 1, ChronoUnit.HOURS),
              "(service " + name + ") has reached a steady state."));
    }
    if (running < TASKS_PER_SERVICE) {
      events.add(
          0,
          new Service.ServiceEvent(
              "ev-" + i,
              NOW.minus(20, ChronoUnit.MINUTES),
              "(service " + name + ") has started 1 tasks: (task " + hex(i, 32) + ")."));
    }
    services.add(
        new Service(
            arn("service", cluster + "/" + name),
            name,
            arn("cluster", cluster),
            "ACTIVE",
            TASKS_PER_SERVICE,
            running,
            0,
            i % 4 == 0 ? null : "FARGATE",
            i % 4 == 0
                ? List.of(
                    new Service.CapacityProviderItem("FARGATE", 1, 1),
                    new Service.CapacityProviderItem("FARGATE_SPOT", 3, 0))
                : List.of(),
            "1.4.0",
            td,
            new Service.DeploymentConfiguration(
                i % 13 == 0 ? null : new Service.CircuitBreaker(true, true), 200, 100),
            new Service.DeploymentController("ECS"),
            List.of(
                new Service.Deployment(
                    "ecs-svc/" + hex(i, 19),
                    "PRIMARY",
                    td,
                    TASKS_PER_SERVICE,
                    0,
                    running,
                    0,
                    created,
                    NOW.minus(2, ChronoUnit.HOURS),
                    i % 4 == 0 ? null : "FARGATE",
                    "1.4.0",
                    "COMPLETED",
                    "ECS deployment ecs-svc/" + hex(i, 19) + " completed.")),
            new Service.NetworkConfiguration(
                new Service.AwsVpcConfiguration(
                    mine.stream().map(Subnet::subnetId).toList(), List.of(sg), "DISABLED")),
            withLb ? List.of(new Service.LoadBalancer(tg, null, "app", 8080)) : List.of(),
            events,
            i % 3 != 0,
            withLb ? 60 : null,
            created));
    for (int k = 0; k < TASKS_PER_SERVICE; k++) {
      Subnet subnet = mine.get(k);
      String eniId = nextEni();
      String ip = ip(subnet, 20 + i / vpcs.size());
      String taskId = hex((long) i * 4 + k, 32);
      enis.add(
          eni(
              eniId,
              subnet,
              "arn:aws:ecs:" + R + ":" + ACCOUNT + ":attachment/" + hex((long) i * 4 + k, 32),
              "interface",
              "578734482556",
              true,
              ip,
              List.of(new SecurityGroup.GroupIdentifier(sg, name))));
      boolean stopped = k == 2 && running < TASKS_PER_SERVICE;
      tasks.add(
          new Task(
              arn("task", cluster + "/" + taskId),
              arn("cluster", cluster),
              td,
              "service:" + name,
              "ecs-svc/" + hex(i, 19),
              stopped ? "STOPPED" : "RUNNING",
              stopped ? "STOPPED" : "RUNNING",
              "FARGATE",
              "1.4.0",
              subnet.availabilityZone(),
              cpu,
              memory,
              NOW.minus(3, ChronoUnit.HOURS),
              NOW.minus(3, ChronoUnit.HOURS).plusSeconds(40),
              stopped ? NOW.minus(25, ChronoUnit.MINUTES) : null,
              stopped ? NOW.minus(24, ChronoUnit.MINUTES) : null,
              stopped ? "EssentialContainerExited" : null,
              stopped ? "Essential container in task exited" : null,
              "HEALTHY",
              i % 3 != 0,
              List.of(
                  new Task.Attachment(
                      hex((long) i * 4 + k, 32),
                      "ElasticNetworkInterface",
                      stopped ? "DELETED" : "ATTACHED",
                      List.of(
                          new KeyValue("subnetId", subnet.subnetId()),
                          new KeyValue("networkInterfaceId", eniId),
                          new KeyValue("privateIPv4Address", ip)))),
              List.of(
                  new Task.Container(
                      arn("container", cluster + "/" + taskId + "/app"),
                      "app",
                      ACCOUNT + ".dkr.ecr." + R + ".amazonaws.com/" + name + ":" + (100 + i),
                      stopped ? "STOPPED" : "RUNNING",
                      stopped ? 137 : null,
                      stopped ? "OutOfMemoryError: Container killed due to memory usage" : null,
                      "HEALTHY")),
              null,
              i % 4 == 0 && k > 0 ? "FARGATE_SPOT" : "FARGATE"));
      if (withLb && !stopped) {
        targetHealth.add(
            new ElbData.TargetHealthDescription(
                tg,
                new ElbData.Target(ip, 8080, subnet.availabilityZone()),
                "8080",
                new ElbData.TargetHealth("healthy", null, null)));
      }
    }
    memory(
        i,
        cluster,
        name,
        clusters.get(c).settings().get(0).value().equals("enabled"),
        Integer.parseInt(memory));
  }

  String loadBalancer(int i, int v, List<Subnet> mine) {
    String lbName = "lb-" + i;
    String lbArn =
        "arn:aws:elasticloadbalancing:"
            + R
            + ":"
            + ACCOUNT
            + ":loadbalancer/app/"
            + lbName
            + "/"
            + hex(i, 16);
    List<ElbData.AvailabilityZone> zones = new ArrayList<>();
    for (Subnet s : mine) {
      zones.add(new ElbData.AvailabilityZone(s.availabilityZone(), s.subnetId()));
      enis.add(
          eni(
              nextEni(),
              s,
              "ELB app/" + lbName + "/" + hex(i, 16),
              "interface",
              "amazon-elb",
              true,
              ip(s, 10),
              List.of()));
    }
    loadBalancers.add(
        new ElbData.LoadBalancer(
            lbArn, lbName, "application", "internal", vpcs.get(v).vpcId(), zones));
    String tg =
        "arn:aws:elasticloadbalancing:"
            + R
            + ":"
            + ACCOUNT
            + ":targetgroup/tg-"
            + i
            + "/"
            + hex(i, 16);
    targetGroups.add(
        new ElbData.TargetGroup(
            tg,
            "tg-" + i,
            "ip",
            "HTTP",
            8080,
            vpcs.get(v).vpcId(),
            List.of(lbArn),
            "HTTP",
            "traffic-port",
            "/health",
            30,
            5,
            5,
            2,
            new ElbData.Matcher("200", null)));
    for (ElbData.AvailabilityZone z : zones) {
      Map<String, String> dims =
          Map.of(
              "LoadBalancer", "app/" + lbName + "/" + hex(i, 16), "AvailabilityZone", z.zoneName());
      for (String m :
          List.of("RequestCount", "HTTPCode_ELB_5XX_Count", "TargetConnectionErrorCount")) {
        metrics.add(
            series(
                "AWS/ApplicationELB",
                m,
                dims,
                "Sum",
                300,
                "Count",
                72,
                k -> m.equals("RequestCount") ? 1000.0 + k % 7 : 0.0));
      }
      metrics.add(
          series(
              "AWS/ApplicationELB",
              "TargetResponseTime",
              dims,
              "p99",
              300,
              "Seconds",
              72,
              k -> 0.08 + (k % 5) / 100.0));
    }
    return tg;
  }

  /** Six hours of memory at one minute: flat for most services, a climb for one in forty. */
  void memory(int i, String cluster, String name, boolean insights, int limitMb) {
    Map<String, String> dims = Map.of("ClusterName", cluster, "ServiceName", name);
    boolean leak = i % 40 == 11;
    if (insights) {
      metrics.add(
          series(
              "ECS/ContainerInsights",
              "MemoryUtilized",
              dims,
              "Average",
              60,
              "Megabytes",
              METRIC_POINTS,
              k ->
                  leak
                      ? limitMb * (0.4 + 0.5 * k / METRIC_POINTS)
                      : limitMb * 0.45 + (k * 7919 % 13)));
      metrics.add(
          series(
              "ECS/ContainerInsights",
              "MemoryReserved",
              dims,
              "Average",
              60,
              "Megabytes",
              METRIC_POINTS,
              k -> (double) limitMb));
    } else {
      metrics.add(
          series(
              "AWS/ECS",
              "MemoryUtilization",
              dims,
              "Average",
              60,
              "Percent",
              METRIC_POINTS,
              k -> leak ? 40 + 50.0 * k / METRIC_POINTS : 45 + (k * 7919 % 13) / 10.0));
    }
  }

  static MetricSeries series(
      String ns,
      String metric,
      Map<String, String> dims,
      String stat,
      int period,
      String unit,
      int points,
      java.util.function.IntToDoubleFunction value) {
    List<Instant> ts = new ArrayList<>(points);
    List<Double> vs = new ArrayList<>(points);
    for (int k = 0; k < points; k++) {
      ts.add(NOW.minusSeconds((long) (points - k) * period));
      vs.add(Math.round(value.applyAsDouble(k) * 100) / 100.0);
    }
    return new MetricSeries(ns, metric, dims, stat, period, unit, ts, vs);
  }

  void otherInterface(Subnet s, int i) {
    int kind = i % 10;
    String id = nextEni();
    String ip = ip(s, 300 + i / (PRIVATE_PER_VPC * vpcs.size()));
    switch (kind) {
      case 0, 1, 2, 3 ->
          enis.add(
              eni(
                  id,
                  s,
                  "AWS Lambda VPC ENI-fn-" + (i % 3000) + "-" + hex(i, 8),
                  "lambda",
                  "AROAxxx:awslambda_" + i,
                  true,
                  ip,
                  List.of()));
      case 4, 5 ->
          // Standalone Fargate tasks (batch jobs, scheduled tasks) of clusters not scanned.
          enis.add(
              eni(
                  id,
                  s,
                  "arn:aws:ecs:" + R + ":" + ACCOUNT + ":attachment/" + hex(i + 1_000_000_000L, 32),
                  "interface",
                  "578734482556",
                  true,
                  ip,
                  List.of()));
      case 6 ->
          enis.add(
              eni(id, s, "RDSNetworkInterface", "interface", "amazon-rds", true, ip, List.of()));
      case 7 ->
          enis.add(
              eni(
                  id,
                  s,
                  "EFS mount target for fs-" + hex(i, 8),
                  "efs",
                  "amazon-efs",
                  true,
                  ip,
                  List.of()));
      default -> {
        NetworkInterface e = eni(id, s, "", "interface", null, false, ip, List.of());
        enis.add(
            new NetworkInterface(
                e.networkInterfaceId(),
                e.subnetId(),
                e.vpcId(),
                e.availabilityZone(),
                e.description(),
                e.interfaceType(),
                e.requesterId(),
                e.requesterManaged(),
                "in-use",
                e.privateIpAddress(),
                new NetworkInterface.Attachment(
                    "eni-attach-" + hex(i, 17), "i-" + hex(i, 17), ACCOUNT, "attached", 0),
                null,
                e.groups(),
                ACCOUNT));
      }
    }
  }

  void trailEvent(int k) throws Exception {
    String event = CloudTrailEvent.NETWORK_CHANGES.get(k % CloudTrailEvent.NETWORK_CHANGES.size());
    String table = "rtb-" + hex(k * 7 % (vpcs.size() * 3), 17);
    trail.add(
        new CloudTrailEvent(
            hex(k, 8) + "-0000-0000-0000-000000000000",
            event,
            NOW.minus(k % 23 + 1, ChronoUnit.HOURS),
            "ec2.amazonaws.com",
            "ops-" + k % 4,
            List.of(new CloudTrailEvent.Resource("AWS::EC2::RouteTable", table)),
            json(
                "{\"eventVersion\":\"1.09\",\"eventName\":\""
                    + event
                    + "\",\"eventSource\":\"ec2.amazonaws.com\","
                    + "\"awsRegion\":\""
                    + R
                    + "\",\"sourceIPAddress\":\"198.51.100.7\",\"userIdentity\":{\"type\":\"AssumedRole\","
                    + "\"arn\":\"arn:aws:sts::"
                    + ACCOUNT
                    + ":assumed-role/ops/ops-"
                    + k % 4
                    + "\"},"
                    + "\"requestParameters\":{\"routeTableId\":\""
                    + table
                    + "\",\"destinationCidrBlock\":\"0.0.0.0/0\"}}")));
  }

  static Role role(
      String name,
      String principal,
      List<Role.AttachedPolicy> attached,
      List<Role.InlinePolicy> inline) {
    return new Role(
        name,
        "arn:aws:iam::" + ACCOUNT + ":role/" + name,
        "AROA" + hex(name.hashCode() & 0xffffffffL, 16).toUpperCase(),
        "/",
        json(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + principal
                + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\""
                + ACCOUNT
                + "\"}}}]}"),
        null,
        attached,
        inline);
  }

  NetworkInterface eni(
      String id,
      Subnet s,
      String description,
      String type,
      String requester,
      boolean managed,
      String ip,
      List<SecurityGroup.GroupIdentifier> groups) {
    return new NetworkInterface(
        id,
        s.subnetId(),
        s.vpcId(),
        s.availabilityZone(),
        description,
        type,
        requester,
        managed,
        "in-use",
        ip,
        null,
        null,
        groups,
        ACCOUNT);
  }

  String nextEni() {
    return "eni-" + hex(eniSeq++, 17);
  }

  /** The n-th address of a subnet's /22 (wrapping), skipping AWS's first four. */
  static String ip(Subnet s, int n) {
    String[] p = s.cidrBlock().substring(0, s.cidrBlock().indexOf('/')).split("\\.");
    int host = 4 + n % 1000;
    return p[0] + "." + p[1] + "." + (Integer.parseInt(p[2]) + host / 256) + "." + host % 256;
  }

  static String arn(String kind, String rest) {
    return "arn:aws:ecs:" + R + ":" + ACCOUNT + ":" + kind + "/" + rest;
  }

  static String hex(long n, int width) {
    String h = Long.toHexString(n);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(text, e);
    }
  }
}
