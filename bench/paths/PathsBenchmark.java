import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.network.Destination;
import dev.fargatedoctor.check.network.PathResult;
import dev.fargatedoctor.check.network.Reachability;
import dev.fargatedoctor.check.network.ServiceNeeds;
import dev.fargatedoctor.check.network.TaskNetwork;
import dev.fargatedoctor.check.network.Verdict;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
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
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * bench/paths: the reachability engine over a synthetic account — 10 VPCs of 50 subnets (500), 200
 * services of 3 subnets each, 10,000 network interfaces, NAT gateways per AZ, interface and S3
 * gateway endpoints, network ACLs with real rules — evaluating every path each service needs (ECR
 * API, registry, S3, Logs, Secrets Manager for some), indexes included. Then the same account
 * doubled. Prints the median of runs and the ratio; target: doubled <= 2.2x (near-linear).
 */
public class PathsBenchmark {
  static final String REGION = "us-east-1";
  static final int RUNS = 7;

  public static void main(String[] args) {
    Snapshot base = account(1);
    Snapshot doubled = account(2);
    for (int i = 0; i < 3; i++) { // warm the JIT on both sizes
      evaluate(base);
      evaluate(doubled);
    }
    Result one = measure(base);
    Result two = measure(doubled);
    System.out.printf("base:    %s%n", one);
    System.out.printf("doubled: %s%n", two);
    System.out.printf("ratio doubled/base: %.2fx (target <= 2.2x)%n", two.millis / one.millis);
  }

  record Result(
      int subnets,
      int services,
      int interfaces,
      int paths,
      Map<Verdict, Integer> verdicts,
      double millis) {
    @Override
    public String toString() {
      return String.format(
          "%d subnets, %d services, %d network interfaces: %d paths %s in %.1f ms (median of %d)",
          subnets, services, interfaces, paths, verdicts, millis, RUNS);
    }
  }

  static Result measure(Snapshot s) {
    double[] times = new double[RUNS];
    Map<Verdict, Integer> verdicts = null;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      verdicts = evaluate(s);
      times[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(times);
    var ec2 = s.regions().get(0).ec2();
    int paths = verdicts.values().stream().mapToInt(Integer::intValue).sum();
    return new Result(
        ec2.subnets().size(),
        s.regions().get(0).ecs().services().size(),
        ec2.networkInterfaces().size(),
        paths,
        verdicts,
        times[RUNS / 2]);
  }

  /** A fresh view and engine each time: the indexes are part of the cost. */
  static Map<Verdict, Integer> evaluate(Snapshot s) {
    RegionView view = new RegionView(s, s.regions().get(0));
    Reachability engine = Reachability.of(view);
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    for (Service service : view.services()) {
      ServiceNeeds needs =
          ServiceNeeds.of(service, view.taskDefinition(service.taskDefinition()), REGION);
      for (TaskNetwork task : TaskNetwork.of(service)) {
        for (Destination d : needs.destinations()) {
          PathResult p = engine.evaluate(task, d);
          verdicts.merge(p.verdict(), 1, Integer::sum);
        }
      }
    }
    return verdicts;
  }

  static Snapshot account(int scale) {
    List<Vpc> vpcs = new ArrayList<>();
    List<Subnet> subnets = new ArrayList<>();
    List<RouteTable> tables = new ArrayList<>();
    List<NatGateway> nats = new ArrayList<>();
    List<InternetGateway> igws = new ArrayList<>();
    List<VpcEndpoint> endpoints = new ArrayList<>();
    List<NetworkAcl> acls = new ArrayList<>();
    List<SecurityGroup> groups = new ArrayList<>();
    List<NetworkInterface> enis = new ArrayList<>();
    List<FlowLog> flowLogs = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<TaskDefinition> taskDefinitions = new ArrayList<>();
    String[] azs = {"us-east-1a", "us-east-1b"};
    int vpcCount = 10 * scale;
    List<List<String>> privateSubnets = new ArrayList<>();
    for (int v = 0; v < vpcCount; v++) {
      String vpc = "vpc-" + v;
      int second = v % 250;
      int first = 10 + v / 250;
      String prefix = first + "." + second + ".";
      vpcs.add(new Vpc(vpc, prefix + "0.0/16", null, false, null));
      String igw = "igw-" + v;
      igws.add(
          new InternetGateway(
              igw, List.of(new InternetGateway.Attachment(vpc, "available")), null));
      Route local = Route.local(prefix + "0.0/16");
      tables.add(
          new RouteTable(
              "rtb-pub-" + v,
              vpc,
              List.of(local, Route.of("0.0.0.0/0", igw, "CreateRoute")),
              List.of(
                  new RouteTable.Association(
                      "rtbassoc-main-" + v, "rtb-pub-" + v, null, null, true)),
              null));
      List<NetworkAcl.Association> open = new ArrayList<>();
      List<NetworkAcl.Association> locked = new ArrayList<>();
      List<String> privates = new ArrayList<>();
      for (int a = 0; a < 2; a++) {
        String pub = "subnet-pub-" + v + "-" + a;
        subnets.add(
            new Subnet(pub, vpc, azs[a], null, prefix + (200 + a) + ".0/24", 250, true, null));
        nats.add(
            new NatGateway(
                "nat-" + v + "-" + a, pub, vpc, "available", "public", null, null, null, null));
        open.add(new NetworkAcl.Association("aclassoc-" + pub, "acl-open-" + v, pub));
      }
      boolean endpointsHere = v % 2 == 0;
      String s3List = "pl-63a5400a";
      for (int i = 0; i < 48; i++) {
        String sub = "subnet-" + v + "-" + i;
        int az = i % 2;
        subnets.add(new Subnet(sub, vpc, azs[az], null, prefix + i + ".0/24", 200, false, null));
        privates.add(sub);
        List<Route> routes =
            new ArrayList<>(
                List.of(local, Route.of("0.0.0.0/0", "nat-" + v + "-" + az, "CreateRoute")));
        if (endpointsHere) {
          routes.add(Route.of(s3List, "vpce-s3-" + v, "CreateRoute"));
        }
        tables.add(
            new RouteTable(
                "rtb-" + v + "-" + i,
                vpc,
                routes,
                List.of(
                    new RouteTable.Association(
                        "rtbassoc-" + v + "-" + i, "rtb-" + v + "-" + i, sub, null, false)),
                null));
        (i % 4 == 0 ? locked : open)
            .add(
                new NetworkAcl.Association(
                    "aclassoc-" + sub, i % 4 == 0 ? "acl-locked-" + v : "acl-open-" + v, sub));
      }
      privateSubnets.add(privates);
      acls.add(
          new NetworkAcl(
              "acl-open-" + v,
              vpc,
              true,
              List.of(
                  new NetworkAcl.Entry(100, "-1", "allow", false, "0.0.0.0/0", null, null),
                  new NetworkAcl.Entry(100, "-1", "allow", true, "0.0.0.0/0", null, null)),
              open,
              null));
      // A stricter ACL on a quarter of the subnets: SSH denied, replies allowed from inside the VPC
      // only,
      // so their paths through the NAT gateway and the S3 gateway endpoint are blocked.
      acls.add(
          new NetworkAcl(
              "acl-locked-" + v,
              vpc,
              false,
              List.of(
                  new NetworkAcl.Entry(
                      50, "6", "deny", false, "0.0.0.0/0", null, new NetworkAcl.PortRange(22, 22)),
                  new NetworkAcl.Entry(
                      100,
                      "6",
                      "allow",
                      false,
                      prefix + "0.0/16",
                      null,
                      new NetworkAcl.PortRange(1024, 65535)),
                  new NetworkAcl.Entry(
                      110,
                      "6",
                      "allow",
                      false,
                      prefix + "0.0/16",
                      null,
                      new NetworkAcl.PortRange(443, 443)),
                  new NetworkAcl.Entry(
                      100,
                      "6",
                      "allow",
                      true,
                      "0.0.0.0/0",
                      null,
                      new NetworkAcl.PortRange(443, 443)),
                  new NetworkAcl.Entry(
                      110,
                      "6",
                      "allow",
                      true,
                      prefix + "0.0/16",
                      null,
                      new NetworkAcl.PortRange(1024, 65535))),
              locked,
              null));
      groups.add(
          new SecurityGroup(
              "sg-endpoints-" + v,
              "endpoints",
              vpc,
              "endpoints",
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
      if (endpointsHere) {
        for (String svc : List.of("ecr.api", "ecr.dkr", "logs")) {
          endpoints.add(
              new VpcEndpoint(
                  "vpce-" + svc.replace(".", "") + "-" + v,
                  vpc,
                  "com.amazonaws." + REGION + "." + svc,
                  "Interface",
                  "available",
                  List.of(privates.get(0), privates.get(1)),
                  null,
                  true,
                  List.of(new SecurityGroup.GroupIdentifier("sg-endpoints-" + v, "endpoints")),
                  null));
        }
        endpoints.add(
            new VpcEndpoint(
                "vpce-s3-" + v,
                vpc,
                "com.amazonaws." + REGION + ".s3",
                "Gateway",
                "available",
                null,
                null,
                null,
                null,
                null));
      }
      flowLogs.add(
          new FlowLog(
              "fl-" + v,
              vpc,
              "ALL",
              "cloud-watch-logs",
              null,
              "/flow/" + v,
              "ACTIVE",
              "SUCCESS",
              null,
              null));
    }
    int serviceCount = 200 * scale;
    for (int s = 0; s < serviceCount; s++) {
      int v = s % vpcCount;
      List<String> privates = privateSubnets.get(v);
      List<String> mine =
          List.of(
              privates.get((s * 3) % 48),
              privates.get((s * 3 + 1) % 48),
              privates.get((s * 3 + 2) % 48));
      String sg = "sg-svc-" + s;
      groups.add(
          new SecurityGroup(
              sg,
              "svc-" + s,
              "vpc-" + v,
              "service " + s,
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
              null));
      String td = "arn:aws:ecs:" + REGION + ":123456789012:task-definition/svc-" + s + ":1";
      taskDefinitions.add(
          new TaskDefinition(
              td,
              "svc-" + s,
              1,
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
                      "app",
                      "123456789012.dkr.ecr." + REGION + ".amazonaws.com/svc-" + s + ":1",
                      null,
                      null,
                      null,
                      true,
                      List.of(),
                      s % 3 == 0
                          ? List.of(
                              new TaskDefinition.Secret(
                                  "DB",
                                  "arn:aws:secretsmanager:" + REGION + ":123456789012:secret:db"))
                          : List.of(),
                      new TaskDefinition.LogConfiguration(
                          "awslogs", Map.of("awslogs-group", "/ecs/svc-" + s)),
                      List.of(),
                      null,
                      null,
                      false))));
      services.add(
          new Service(
              "arn:aws:ecs:" + REGION + ":123456789012:service/prod/svc-" + s,
              "svc-" + s,
              "arn:aws:ecs:" + REGION + ":123456789012:cluster/prod",
              "ACTIVE",
              2,
              2,
              0,
              "FARGATE",
              null,
              "1.4.0",
              td,
              null,
              null,
              List.of(),
              new Service.NetworkConfiguration(
                  new Service.AwsVpcConfiguration(mine, List.of(sg), "DISABLED")),
              List.of(),
              List.of(),
              false,
              null,
              null));
    }
    int eniCount = 10_000 * scale;
    for (int e = 0; e < eniCount; e++) {
      Subnet sub = subnets.get(e % subnets.size());
      String base = sub.cidrBlock().substring(0, sub.cidrBlock().lastIndexOf('.'));
      enis.add(
          new NetworkInterface(
              "eni-" + e,
              sub.subnetId(),
              sub.vpcId(),
              sub.availabilityZone(),
              "arn:aws:ecs:" + REGION + ":123456789012:attachment/" + e,
              "interface",
              "578734482556",
              true,
              "in-use",
              base + "." + (4 + (e / subnets.size()) % 250),
              null,
              null,
              List.of(),
              "123456789012"));
    }
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
                    "com.amazonaws." + REGION + ".s3",
                    List.of("52.216.0.0/15", "54.231.0.0/16", "3.5.0.0/19"))));
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "bench", "bench", Instant.EPOCH, "bench", "123456789012", null, List.of(REGION), null),
        List.of(
            new RegionSnapshot(
                REGION, ec2, new EcsData(null, services, taskDefinitions, null), null)),
        null,
        null);
  }
}
