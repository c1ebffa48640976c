package dev.fargatedoctor.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
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
import dev.fargatedoctor.snapshot.ec2.Tag;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.Role;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bundled demo: a snapshot of a broken "production" account, built in code so it grows with
 * every check. It replays the write-up's incidents — network interfaces near the Region quota on
 * the eve of a peak (a development load test holding thousands), a private subnet whose default
 * route was repointed at another AZ's NAT gateway, an execution role whose trust was changed to
 * ec2.amazonaws.com and the deployment stuck at 50 % behind it, a task role copied from another
 * account's template, and in the data VPC a network ACL entry added this morning that drops the
 * return traffic of the ingest service (its next deployment cannot pull: ECR serves layers from S3,
 * and the replies never come back) in a VPC without flow logs — beside healthy services that must
 * stay quiet. CloudTrail holds both network changes. The Node.js catalog service leaks memory: two
 * of its tasks were OOM-killed in the last hour and the average climbs toward the 2 GiB limit
 * again; p99 latency of the load balancer stands out in the AZ whose subnet goes through another
 * AZ's NAT gateway. Describing the development cluster's thousands of tasks stayed throttled: the
 * deployment check says so (UNKNOWN, partly evaluated) instead of calling that cluster fine. The
 * search service lives in two small subnets: one of them, cluttered with interfaces an old script
 * left behind, cannot hold its next deployment, the other only just. On release day three rollouts
 * failed, each for a reason ECS words its own way: thumbnails moved to Graviton with an amd64-only
 * image (the circuit breaker rolled it back), billing asks its secret for a JSON key it does not
 * have (no rollback: the failed deployment stays primary), and the docs site pulls nginx
 * anonymously from Docker Hub into its rate limit; last night's export job stopped with a runtime
 * message no catalogue knows. Times are relative to the clock, so the story reads the same whenever
 * it runs.
 */
public final class DemoEnvironment {
  public static final String ACCOUNT = "111122223333";
  public static final String REGION = "us-east-1";
  private static final String[] AZS = {"us-east-1a", "us-east-1b", "us-east-1c"};
  private static final String[] AZ_IDS = {"use1-az6", "use1-az1", "use1-az2"};
  private static final String PROD =
      "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/production";
  private static final String DEV =
      "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/development";
  private static final String S3_PREFIX_LIST = "pl-63a5400a";

  private final Instant now;
  private final List<Subnet> subnets = new ArrayList<>();
  private final List<RouteTable> routeTables = new ArrayList<>();
  private final List<NatGateway> nats = new ArrayList<>();
  private final List<NetworkInterface> enis = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  private final List<TaskDefinition> taskDefinitions = new ArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private final List<Role> roles = new ArrayList<>();
  private final List<NetworkAcl> networkAcls = new ArrayList<>();
  private final List<SecurityGroup> securityGroups = new ArrayList<>();
  private final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
  private final List<CloudTrailEvent> trail = new ArrayList<>();
  private final List<MetricSeries> metrics = new ArrayList<>();
  private final List<ElbData.TargetGroup> targetGroups = new ArrayList<>();
  private final List<ElbData.TargetHealthDescription> targetHealth = new ArrayList<>();
  private static final String ALB =
      "arn:aws:elasticloadbalancing:"
          + REGION
          + ":"
          + ACCOUNT
          + ":loadbalancer/app/prod-web/50dc6c495c0c9188";
  private final List<DemoFlowLog.Eni> flowEnis = new ArrayList<>();
  // Ids derive from the scene that creates them and a count within it, so a new scene changes no
  // other scene's ids (and the golden reports change only where the output did).
  private final Map<String, Integer> sequences = new java.util.HashMap<>();
  private final java.util.Set<String> addresses = new java.util.HashSet<>();
  private String scene = "";

  private DemoEnvironment(Clock clock) {
    this.now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  public static Snapshot build(Clock clock) {
    DemoEnvironment demo = new DemoEnvironment(clock);
    return DemoScenes.addTo(demo.snapshot(), demo.now);
  }

  private Snapshot snapshot() {
    scene("productionNetwork", this::productionNetwork);
    scene("healthyServices", this::healthyServices);
    scene("stuckCheckoutDeployment", this::stuckCheckoutDeployment);
    scene("paymentsWorkerWithForeignTrust", this::paymentsWorkerWithForeignTrust);
    scene("reportsService", this::reportsService);
    scene("catalogMemoryLeak", this::catalogMemoryLeak);
    scene("releaseDayFailures", this::releaseDayFailures);
    scene("developmentLoadTest", this::developmentLoadTest);
    scene("dataVpcIngest", this::dataVpcIngest);
    scene("searchInSmallSubnets", this::searchInSmallSubnets);
    scene("otherEniConsumers", this::otherEniConsumers);
    scene("freeAddresses", this::freeAddresses);
    scene("loadBalancerMetrics", this::loadBalancerMetrics);
    scene("steadyMemory", this::steadyMemory);

    Ec2Data ec2 =
        new Ec2Data(
            List.of(
                new Vpc(
                    "vpc-0prod",
                    "10.0.0.0/16",
                    null,
                    false,
                    List.of(new Tag("Name", "production"))),
                new Vpc("vpc-0data", "10.1.0.0/16", null, false, List.of(new Tag("Name", "data")))),
            subnets,
            routeTables,
            nats,
            List.of(
                new InternetGateway(
                    "igw-0prod",
                    List.of(new InternetGateway.Attachment("vpc-0prod", "available")),
                    null)),
            vpcEndpoints,
            networkAcls,
            securityGroups,
            enis,
            // Production learned from the write-up: a flow log of all traffic, in the format the
            // flow checks read. The data VPC logs one of its two subnets.
            List.of(
                new FlowLog(
                    "fl-0prod",
                    "vpc-0prod",
                    "ALL",
                    "cloud-watch-logs",
                    null,
                    "/aws/vpc/flowlogs/vpc-0prod",
                    "ACTIVE",
                    "SUCCESS",
                    null,
                    DemoFlowLog.FORMAT),
                new FlowLog(
                    "fl-0data0",
                    "subnet-0data0",
                    "ALL",
                    "cloud-watch-logs",
                    null,
                    "/aws/vpc/flowlogs/vpc-0data",
                    "ACTIVE",
                    "SUCCESS",
                    null,
                    DemoFlowLog.FORMAT)),
            List.of(
                new PrefixList(
                    S3_PREFIX_LIST,
                    "com.amazonaws." + REGION + ".s3",
                    List.of("16.15.176.0/20", "52.216.0.0/15", "54.231.0.0/16"))));
    EcsData ecs =
        new EcsData(
            List.of(
                new Cluster(
                    PROD,
                    "production",
                    "ACTIVE",
                    25,
                    2,
                    6,
                    List.of("FARGATE", "FARGATE_SPOT"),
                    List.of(new KeyValue("containerInsights", "enabled"))),
                new Cluster(DEV, "development", "ACTIVE", 3800, 0, 1, List.of("FARGATE"), null)),
            services,
            taskDefinitions,
            tasks);
    List<ServiceQuota> quotas =
        List.of(
            new ServiceQuota(
                "vpc",
                ServiceQuota.NETWORK_INTERFACES_CODE,
                ServiceQuota.NETWORK_INTERFACES_NAME,
                5000.0,
                ServiceQuota.SOURCE_APPLIED),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                4000.0,
                ServiceQuota.SOURCE_APPLIED),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_SPOT_VCPU_CODE,
                ServiceQuota.FARGATE_SPOT_VCPU_NAME,
                1000.0,
                ServiceQuota.SOURCE_APPLIED));
    Capture capture =
        new Capture(
            "fargate-doctor",
            "demo",
            now,
            "demo",
            ACCOUNT,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/oncall/alex",
            List.of(REGION),
            null);
    ElbData elb =
        new ElbData(
            List.of(
                new ElbData.LoadBalancer(
                    ALB,
                    "prod-web",
                    "application",
                    "internet-facing",
                    "vpc-0prod",
                    List.of(
                        new ElbData.AvailabilityZone(AZS[0], "subnet-0publica"),
                        new ElbData.AvailabilityZone(AZS[1], "subnet-0publicb"),
                        new ElbData.AvailabilityZone(AZS[2], "subnet-0publicc")))),
            targetGroups,
            targetHealth);
    RegionSnapshot region = new RegionSnapshot(REGION, ec2, ecs, quotas, elb, metrics, trail);
    List<Coverage> coverage = coverage();
    coverage.add(Coverage.ok(REGION, "logs:FilterLogEvents", null, 2, 0));
    return new Snapshot(
        Snapshot.SCHEMA,
        capture,
        List.of(region.withFlows(flows(region))),
        new IamData(roles, List.of()),
        coverage);
  }

  /** The demo's flow-log records (S3's text layout: a header line, then one record a line). */
  public static List<String> flowLog(Clock clock) {
    DemoEnvironment demo = new DemoEnvironment(clock);
    demo.snapshot();
    return new DemoFlowLog(ACCOUNT, demo.flowEnis, demo.now).lines();
  }

  // The records go through the same reader as any flow log: the demo shows what `flows` reads.
  private dev.fargatedoctor.snapshot.flows.FlowSummary flows(RegionSnapshot region) {
    byte[] text =
        String.join("\n", new DemoFlowLog(ACCOUNT, flowEnis, now).lines())
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    dev.fargatedoctor.flows.FlowReader reader =
        new dev.fargatedoctor.flows.FlowReader(
            dev.fargatedoctor.flows.AddressClasses.of(region),
            now.minus(Duration.ofMinutes(30)),
            now,
            now,
            null);
    reader.read(
        new dev.fargatedoctor.flows.FlowSource(
            "CloudWatch Logs /aws/vpc/flowlogs/*",
            () -> new java.io.ByteArrayInputStream(text),
            null));
    return reader.summary(
        "CloudWatch Logs /aws/vpc/flowlogs/vpc-0prod, /aws/vpc/flowlogs/vpc-0data");
  }

  // Three AZs, a public and a private subnet in each, a NAT gateway per AZ. The network team's
  // change this morning pointed private subnet a at the NAT gateway of AZ b.
  private void productionNetwork() {
    List<Route> publicRoutes = List.of(local(), Route.of("0.0.0.0/0", "igw-0prod", "CreateRoute"));
    routeTables.add(
        new RouteTable(
            "rtb-0public",
            "vpc-0prod",
            publicRoutes,
            List.of(new RouteTable.Association("rtbassoc-0main", "rtb-0public", null, null, true)),
            null));
    for (int i = 0; i < 3; i++) {
      String az = AZS[i];
      String suffix = az.substring(az.length() - 1);
      subnets.add(
          new Subnet(
              "subnet-0public" + suffix,
              "vpc-0prod",
              az,
              AZ_IDS[i],
              "10.0." + (100 + i) + ".0/24",
              245,
              true,
              List.of(new Tag("Name", "public-" + suffix))));
      subnets.add(
          new Subnet(
              "subnet-0private" + suffix,
              "vpc-0prod",
              az,
              AZ_IDS[i],
              "10.0." + (16 * i) + ".0/20",
              3900,
              false,
              List.of(new Tag("Name", "private-" + suffix))));
      String nat = "nat-0" + suffix + "4f1e2d3c";
      String natEni = nextEni();
      nats.add(
          new NatGateway(
              nat,
              "subnet-0public" + suffix,
              "vpc-0prod",
              "available",
              "public",
              List.of(
                  new NatGateway.Address(
                      "eipalloc-0" + suffix, natEni, "10.0." + (100 + i) + ".10", "3.80.0." + i)),
              null,
              null,
              null));
      enis.add(
          eni(
              natEni,
              "subnet-0public" + suffix,
              "Interface for NAT Gateway " + nat,
              "nat_gateway",
              null,
              true));
    }
    for (int i = 0; i < 2; i++) {
      subnets.add(
          new Subnet(
              "subnet-0data" + i,
              "vpc-0data",
              AZS[i],
              AZ_IDS[i],
              "10.1." + (16 * i) + ".0/20",
              3600,
              false,
              List.of(new Tag("Name", "data-" + i))));
    }
    securityGroups.add(
        new SecurityGroup(
            "sg-0api",
            "api",
            "vpc-0prod",
            "api tasks",
            List.of(tcpFrom(8080, "10.0.0.0/16")),
            List.of(allTraffic()),
            null));
    networkAcls.add(
        new NetworkAcl(
            "acl-0prod",
            "vpc-0prod",
            true,
            openAcl(),
            subnets.stream()
                .filter(sn -> sn.vpcId().equals("vpc-0prod"))
                .map(
                    sn ->
                        new NetworkAcl.Association(
                            "aclassoc-0" + sn.subnetId().substring(8), "acl-0prod", sn.subnetId()))
                .toList(),
            null));
    trail.add(
        change(
            "ReplaceRoute",
            now.minus(Duration.ofHours(4).plusMinutes(18)),
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/NetworkAdmin/sam",
            "203.0.113.41",
            "{\"routeTableId\":\"rtb-0privatea\",\"destinationCidrBlock\":\"0.0.0.0/0\","
                + "\"natGatewayId\":\"nat-0b4f1e2d3c\"}"));
    String[] target = {
      "nat-0b4f1e2d3c", "nat-0b4f1e2d3c", "nat-0c4f1e2d3c"
    }; // a -> b: the rogue change
    for (int i = 0; i < 3; i++) {
      String suffix = AZS[i].substring(AZS[i].length() - 1);
      routeTables.add(
          new RouteTable(
              "rtb-0private" + suffix,
              "vpc-0prod",
              List.of(
                  local(),
                  Route.of("0.0.0.0/0", target[i], i == 0 ? "ReplaceRoute" : "CreateRoute")),
              List.of(
                  new RouteTable.Association(
                      "rtbassoc-0private" + suffix,
                      "rtb-0private" + suffix,
                      "subnet-0private" + suffix,
                      null,
                      false)),
              null));
    }
  }

  private static Route local() {
    return Route.local("10.0.0.0/16");
  }

  // api and orders: healthy, trusting roles (string and list form), completed deployments.
  private void healthyServices() {
    role("api-execution", trust("\"ecs-tasks.amazonaws.com\"", null));
    role("api-task", trust("[\"ecs-tasks.amazonaws.com\"]", null));
    role("orders-execution", trust("\"ecs-tasks.amazonaws.com\"", null));
    role("orders-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    service(
        "api",
        6,
        6,
        "api:41",
        "api-execution",
        "api-task",
        completed("api:41", 6, Duration.ofDays(3)));
    service(
        "orders",
        3,
        3,
        "orders:17",
        "orders-execution",
        "orders-task",
        completed("orders:17", 3, Duration.ofDays(9)));
    memory("api", i -> 410 + 25 * Math.sin(i / 9.0) + ((i * 37) % 11));
    memory("orders", i -> 520 + 30 * Math.sin(i / 13.0) + ((i * 53) % 17));
  }

  // The write-up's deployment: another team changed the shared execution role's trust to EC2. The
  // new revision cannot start tasks; half the old ones still serve.
  private void stuckCheckoutDeployment() {
    role("checkout-execution", trust("\"ec2.amazonaws.com\"", null));
    role("checkout-task", trust("\"ecs-tasks.amazonaws.com\"", null));
    String newTd = "checkout:23";
    Instant started = now.minus(Duration.ofHours(3).plusMinutes(12));
    List<Service.Deployment> deployments =
        List.of(
            new Service.Deployment(
                "ecs-svc/4821766520197753210",
                "PRIMARY",
                tdArn(newTd),
                4,
                0,
                0,
                37,
                started,
                now.minusSeconds(240),
                "FARGATE",
                "1.4.0",
                "IN_PROGRESS",
                "ECS deployment ecs-svc/4821766520197753210 in progress."),
            new Service.Deployment(
                "ecs-svc/1969338237712345830",
                "ACTIVE",
                tdArn("checkout:22"),
                2,
                0,
                2,
                0,
                now.minus(Duration.ofDays(6)),
                started,
                "FARGATE",
                "1.4.0",
                "COMPLETED",
                null));
    String assumeError =
        "ECS was unable to assume the role 'arn:aws:iam::"
            + ACCOUNT
            + ":role/checkout-execution' that "
            + "was provided for this task. Please verify that the role being passed has the proper trust relationship and "
            + "permissions and that your IAM user has permissions to pass this role.";
    List<Service.ServiceEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(
          new Service.ServiceEvent(
              id(),
              now.minus(Duration.ofMinutes(4 + 31L * i)),
              "(service checkout) failed to launch a task with (error " + assumeError + ")."));
    }
    events.add(
        new Service.ServiceEvent(
            id(),
            started.plusSeconds(30),
            "(service checkout) has stopped 2 running tasks: (task 5d2c) (task 91ab)."));
    services.add(service("checkout", 4, 2, newTd, deployments, events));
    taskDefinitions.add(taskDefinition("checkout:22", "checkout-execution", "checkout-task"));
    taskDefinitions.add(taskDefinition(newTd, "checkout-execution", "checkout-task"));
    for (int i = 0; i < 2; i++)
      runningTask("checkout", "checkout:22", "ecs-svc/1969338237712345830", i);
    for (int i = 0; i < 3; i++) {
      tasks.add(
          new Task(
              taskArn(),
              PROD,
              tdArn(newTd),
              "service:checkout",
              "ecs-svc/4821766520197753210",
              "STOPPED",
              "STOPPED",
              "FARGATE",
              "1.4.0",
              AZS[i],
              "512",
              "1024",
              now.minus(Duration.ofMinutes(10 + 9L * i)),
              null,
              null,
              now.minus(Duration.ofMinutes(9 + 9L * i)),
              "TaskFailedToStart",
              assumeError,
              null,
              false,
              List.of(),
              List.of(
                  new Task.Container(
                      null, "checkout", image("checkout", "2.8.0"), "STOPPED", null, null, null)),
              null));
    }
  }

  // A task role whose trust was copied from a template of the staging account: its
  // aws:SourceAccount
  // condition names that account, so ECS cannot assume it here.
  private void paymentsWorkerWithForeignTrust() {
    role("payments-worker-execution", trust("\"ecs-tasks.amazonaws.com\"", null));
    role("payments-worker-task", trust("\"ecs-tasks.amazonaws.com\"", "444455556666"));
    service(
        "payments-worker",
        2,
        2,
        "payments-worker:9",
        "payments-worker-execution",
        "payments-worker-task",
        completed("payments-worker:9", 2, Duration.ofDays(20)));
  }

  // Both roles trust ECS in the documented confused-deputy form, but the service collects hygiene
  // debt: ECS Exec was never set up, one task at 100 %/100 % cannot be redeployed, and its database
  // password sits in plaintext in the task definition.
  private void reportsService() {
    role("reports-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("reports-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    service(
        "reports",
        1,
        1,
        "reports:3",
        "reports-execution",
        "reports-task",
        completed("reports:3", 1, Duration.ofDays(30)));
  }

  // The write-up's Node.js service: 2 GiB per task, memory climbing about 350 MB an hour in every
  // task
  // until the kernel kills it. Two tasks were OOM-killed in the last hour; the third is due next.
  private void catalogMemoryLeak() {
    role("catalog-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("catalog-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    service(
        "catalog",
        3,
        3,
        "catalog:12",
        "catalog-execution",
        "catalog-task",
        completed("catalog:12", 3, Duration.ofDays(4)));
    double perMinute = 350 / 60.0;
    int[] lastKill = {55, 25, 155}; // minutes ago; each task restarts at 600 MB after a kill
    double cycle = (2048 - 600) / perMinute;
    memory(
        "catalog",
        i -> {
          double sum = 0;
          for (int k : lastKill) {
            double sinceKill =
                ((359 - i) <= k ? k - (359 - i) : cycle - ((359 - i) - k) % cycle) % cycle;
            sum += 600 + perMinute * sinceKill;
          }
          return sum / lastKill.length + 8 * Math.sin(i / 3.0);
        });
    for (int k = 0; k < 2; k++) {
      Instant killed = now.minus(Duration.ofMinutes(lastKill[k]));
      tasks.add(
          new Task(
              taskArn(),
              PROD,
              tdArn("catalog:12"),
              "service:catalog",
              "ecs-svc/catalog0001",
              "STOPPED",
              "STOPPED",
              "FARGATE",
              "1.4.0",
              AZS[k],
              "1024",
              "2048",
              killed.minus(Duration.ofHours(4)),
              killed.minus(Duration.ofHours(4)),
              killed,
              killed.plusSeconds(20),
              "EssentialContainerExited",
              "Essential container in task exited",
              null,
              true,
              List.of(),
              List.of(
                  new Task.Container(
                      null,
                      "catalog",
                      image("catalog", "1.12.0"),
                      "STOPPED",
                      137,
                      "OutOfMemoryError: Container killed due to memory usage",
                      null)),
              null));
    }
  }

  // Release day: three rollouts that ECS gave up on, each for a reason ECS words its own way. The
  // thumbnails service moved to Graviton (ARM64) with an image built only for amd64; the circuit
  // breaker rolled it back. The billing service's new revision reads a key its secret does not
  // have; its circuit breaker does not roll back, so the failed deployment stays the primary. The
  // docs site pulls nginx anonymously from Docker Hub and hits the pull rate limit. And last
  // night's export job stopped with a container-runtime message nobody has catalogued yet.
  private void releaseDayFailures() {
    role("thumbnails-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("thumbnails-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("billing-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("billing-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("docs-site-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("docs-site-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("nightly-export-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));

    // thumbnails: thumbnails:8 asks for ARM64, the image has no linux/arm64 manifest.
    Instant thumbsStart = now.minus(Duration.ofMinutes(95));
    Service.Deployment thumbsFailed =
        new Service.Deployment(
            "ecs-svc/7310598822463180544",
            "ACTIVE",
            tdArn("thumbnails:8"),
            0,
            0,
            0,
            10,
            thumbsStart,
            now.minus(Duration.ofMinutes(58)),
            "FARGATE",
            "1.4.0",
            "FAILED",
            "ECS deployment circuit breaker: tasks failed to start.");
    Service.Deployment thumbsRollback =
        new Service.Deployment(
            "ecs-svc/7310598822463180545",
            "PRIMARY",
            tdArn("thumbnails:7"),
            2,
            0,
            2,
            0,
            now.minus(Duration.ofMinutes(58)),
            now.minus(Duration.ofMinutes(51)),
            "FARGATE",
            "1.4.0",
            "COMPLETED",
            "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/7310598822463180544.");
    String platform =
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): image Manifest "
            + "does not contain descriptor matching platform 'linux/arm64'";
    services.add(
        service(
            "thumbnails",
            2,
            2,
            "thumbnails:7",
            List.of(thumbsRollback, thumbsFailed),
            List.of(
                new Service.ServiceEvent(
                    id(),
                    now.minus(Duration.ofMinutes(51)),
                    "(service thumbnails) has reached a steady state."),
                new Service.ServiceEvent(
                    id(),
                    now.minus(Duration.ofMinutes(59)),
                    "(service thumbnails) deployment failed: tasks failed to start."))));
    taskDefinitions.add(taskDefinition("thumbnails:7", "thumbnails-execution", "thumbnails-task"));
    taskDefinitions.add(taskDefinition("thumbnails:8", "thumbnails-execution", "thumbnails-task"));
    for (int i = 0; i < 2; i++) runningTask("thumbnails", "thumbnails:7", thumbsRollback.id(), i);
    for (int i = 0; i < 3; i++) {
      stoppedTask(
          "thumbnails",
          "thumbnails:8",
          thumbsFailed.id(),
          62 + 9 * i,
          "TaskFailedToStart",
          platform,
          platform,
          null);
    }

    // billing: billing:15 reads STRIPE_API_KEY from a secret whose JSON has no such key.
    Instant billingStart = now.minus(Duration.ofMinutes(80));
    Service.Deployment billingFailed =
        new Service.Deployment(
            "ecs-svc/5528016649927310336",
            "PRIMARY",
            tdArn("billing:15"),
            2,
            0,
            0,
            10,
            billingStart,
            now.minus(Duration.ofMinutes(41)),
            "FARGATE",
            "1.4.0",
            "FAILED",
            "ECS deployment circuit breaker: tasks failed to start.");
    Service.Deployment billingOld =
        new Service.Deployment(
            "ecs-svc/5528016649927310335",
            "ACTIVE",
            tdArn("billing:14"),
            1,
            0,
            1,
            0,
            now.minus(Duration.ofDays(12)),
            billingStart,
            "FARGATE",
            "1.4.0",
            "COMPLETED",
            null);
    String noKey =
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
            + "retrieval failed: unable to retrieve secret from asm: service call has been retried 1 "
            + "time(s): retrieved secret from Secrets Manager did not contain json key STRIPE_API_KEY";
    List<Service.ServiceEvent> billingEvents = new ArrayList<>();
    billingEvents.add(
        new Service.ServiceEvent(
            id(),
            now.minus(Duration.ofMinutes(41)),
            "(service billing) deployment failed: tasks failed to start."));
    for (int i = 0; i < 4; i++) {
      billingEvents.add(
          new Service.ServiceEvent(
              id(),
              now.minus(Duration.ofMinutes(45 + 8L * i)),
              "(service billing) was unable to place a task. Reason: " + noKey + "."));
    }
    services.add(
        service("billing", 2, 1, "billing:15", List.of(billingFailed, billingOld), billingEvents));
    taskDefinitions.add(taskDefinition("billing:14", "billing-execution", "billing-task"));
    taskDefinitions.add(taskDefinition("billing:15", "billing-execution", "billing-task"));
    runningTask("billing", "billing:14", billingOld.id(), 0);
    for (int i = 0; i < 3; i++) {
      stoppedTask(
          "billing",
          "billing:15",
          billingFailed.id(),
          44 + 8 * i,
          "TaskFailedToStart",
          noKey,
          null,
          null);
    }

    // docs-site: nginx from Docker Hub, pulled anonymously from the NAT gateways' addresses.
    Service.Deployment docsDeployment =
        new Service.Deployment(
            "ecs-svc/3392061715587411968",
            "PRIMARY",
            tdArn("docs-site:6"),
            2,
            1,
            1,
            3,
            now.minus(Duration.ofMinutes(24)),
            now.minus(Duration.ofMinutes(3)),
            "FARGATE",
            "1.4.0",
            "IN_PROGRESS",
            "ECS deployment ecs-svc/3392061715587411968 in progress.");
    String rateLimited =
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve "
            + "ref docker.io/library/nginx:1.27: unexpected status from HEAD request to "
            + "https://registry-1.docker.io/v2/library/nginx/manifests/1.27: 429 Too Many Requests - "
            + "Server message: toomanyrequests: You have reached your pull rate limit. You may "
            + "increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit";
    List<Service.ServiceEvent> docsEvents = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      docsEvents.add(
          new Service.ServiceEvent(
              id(),
              now.minus(Duration.ofMinutes(3 + 7L * i)),
              "(service docs-site) was unable to place a task. Reason: " + rateLimited + "."));
    }
    services.add(service("docs-site", 2, 1, "docs-site:6", List.of(docsDeployment), docsEvents));
    taskDefinitions.add(taskDefinition("docs-site:6", "docs-site-execution", "docs-site-task"));
    runningTask("docs-site", "docs-site:6", docsDeployment.id(), 1);

    // nightly-export: a scheduled task (no service) stopped by a runtime message nobody knows.
    taskDefinitions.add(taskDefinition("nightly-export:4", "nightly-export-execution", null));
    String unknown =
        "CannotStartContainerError: ResourceInitializationError: unable to create new container: "
            + "mount callback failed on /tmp/containerd-mount916692511: open "
            + "/tmp/containerd-mount916692511/etc/passwd: no such file or directory";
    stoppedTask(
        null,
        "nightly-export:4",
        "events-rule/nightly-export",
        300,
        "TaskFailedToStart",
        "Task failed to start",
        unknown,
        null);
  }

  // A stopped task of a service (or, with service null, of its task definition's family).
  private void stoppedTask(
      String service,
      String td,
      String startedBy,
      long minutesAgo,
      String stopCode,
      String stoppedReason,
      String containerReason,
      Integer exitCode) {
    String family = td.substring(0, td.indexOf(':'));
    Instant stopped = now.minus(Duration.ofMinutes(minutesAgo));
    tasks.add(
        new Task(
            taskArn(),
            PROD,
            tdArn(td),
            service == null ? "family:" + family : "service:" + service,
            startedBy,
            "STOPPED",
            "STOPPED",
            "FARGATE",
            "1.4.0",
            AZS[(int) (minutesAgo % 3)],
            "512",
            "1024",
            stopped.minusSeconds(70),
            null,
            null,
            stopped,
            stopCode,
            stoppedReason,
            null,
            false,
            List.of(),
            List.of(
                new Task.Container(
                    null,
                    family,
                    image(family, "1." + td.substring(td.indexOf(':') + 1) + ".0"),
                    "STOPPED",
                    exitCode,
                    containerReason,
                    null)),
            null));
  }

  /** One minute per point over the last six hours, ending at the capture time. */
  private void memory(String service, java.util.function.IntFunction<Double> value) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> reserved = new ArrayList<>();
    double limit = service.equals("catalog") ? 2048 : 1024;
    for (int i = 0; i < 360; i++) {
      times.add(
          now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
              .minus(Duration.ofMinutes(359 - i)));
      values.add(Math.round(value.apply(i) * 10) / 10.0);
      reserved.add(limit);
    }
    Map<String, String> dims = Map.of("ClusterName", "production", "ServiceName", service);
    metrics.add(
        new MetricSeries(
            "ECS/ContainerInsights",
            "MemoryUtilized",
            dims,
            "Average",
            60,
            "Megabytes",
            times,
            values));
    metrics.add(
        new MetricSeries(
            "ECS/ContainerInsights",
            "MemoryReserved",
            dims,
            "Average",
            60,
            "Megabytes",
            times,
            reserved));
  }

  // Every other running service publishes its memory too, flat: a real account has the series, and
  // a service without them would be UNKNOWN.
  private void steadyMemory() {
    memory("checkout", i -> 300 + 12 * Math.sin(i / 7.0) + ((i * 29) % 7));
    memory("payments-worker", i -> 610 + 20 * Math.sin(i / 11.0) + ((i * 31) % 13));
    memory("reports", i -> 240 + 9 * Math.sin(i / 5.0) + ((i * 17) % 5));
    memory("ingest", i -> 380 + 15 * Math.sin(i / 8.0) + ((i * 23) % 9));
    memory("search", i -> 700 + 18 * Math.sin(i / 10.0) + ((i * 41) % 11));
    memory("billing", i -> 280 + 10 * Math.sin(i / 9.0) + ((i * 13) % 7));
    memory("docs-site", i -> 90 + 4 * Math.sin(i / 6.0) + ((i * 19) % 3));
    memory("thumbnails", i -> 450 + 16 * Math.sin(i / 7.0) + ((i * 37) % 11));
    // development has no Container Insights: AWS/ECS reports percent of the task's memory
    List<Instant> times = new ArrayList<>();
    List<Double> percent = new ArrayList<>();
    for (int i = 0; i < 360; i++) {
      times.add(
          now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
              .minus(Duration.ofMinutes(359 - i)));
      percent.add(Math.round((31 + 2 * Math.sin(i / 6.0)) * 10) / 10.0);
    }
    metrics.add(
        new MetricSeries(
            "AWS/ECS",
            "MemoryUtilization",
            Map.of("ClusterName", "development", "ServiceName", "load-test"),
            "Average",
            60,
            "Percent",
            times,
            percent));
  }

  // The ALB sees the rogue route too: targets in us-east-1a call out through the NAT gateway of
  // us-east-1b, and their p99 response time is ten times the other AZs'.
  private void loadBalancerMetrics() {
    String dimension = ALB.substring(ALB.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    double[] p99 = {2.9, 0.31, 0.29};
    for (int a = 0; a < 3; a++) {
      List<Instant> times = new ArrayList<>();
      List<Double> requests = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      List<Double> latency = new ArrayList<>();
      for (int i = 0; i < 72; i++) {
        times.add(
            now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .minus(Duration.ofMinutes(5L * (71 - i))));
        requests.add(12000.0 + (i * 131 + a * 977) % 900);
        errors.add((double) ((i + a) % 4 == 0 ? 1 : 0));
        latency.add(Math.round((p99[a] + 0.03 * Math.sin(i + a)) * 1000) / 1000.0);
      }
      Map<String, String> dims = Map.of("LoadBalancer", dimension, "AvailabilityZone", AZS[a]);
      metrics.add(
          new MetricSeries(
              "AWS/ApplicationELB", "RequestCount", dims, "Sum", 300, "Count", times, requests));
      metrics.add(
          new MetricSeries(
              "AWS/ApplicationELB",
              "HTTPCode_ELB_5XX_Count",
              dims,
              "Sum",
              300,
              "Count",
              times,
              errors));
      metrics.add(
          new MetricSeries(
              "AWS/ApplicationELB",
              "TargetResponseTime",
              dims,
              "p99",
              300,
              "Seconds",
              times,
              latency));
    }
  }

  // Development's load test left at 3,800 tasks: the bulk of the Region's network interfaces.
  private void developmentLoadTest() {
    for (int i = 0; i < 3800; i++) {
      enis.add(
          eni(
              nextEni(),
              "subnet-0private" + "abc".charAt(i % 3),
              ecsAttachment(),
              "interface",
              "578734482556",
              true));
    }
    services.add(
        new Service(
            DEV.replace(":cluster/", ":service/") + "/load-test",
            "load-test",
            DEV,
            "ACTIVE",
            3800,
            3800,
            0,
            "FARGATE",
            null,
            "1.4.0",
            tdArn("load-test:5"),
            new Service.DeploymentConfiguration(new Service.CircuitBreaker(true, true), 200, 100),
            null,
            List.of(
                new Service.Deployment(
                    "ecs-svc/7000000000000000001",
                    "PRIMARY",
                    tdArn("load-test:5"),
                    3800,
                    0,
                    3800,
                    0,
                    now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(2)),
                    "FARGATE",
                    "1.4.0",
                    "COMPLETED",
                    null)),
            awsvpc("subnet-0privatea", "subnet-0privateb", "subnet-0privatec"),
            null,
            List.of(),
            false,
            null,
            null));
    role("load-test-execution", trust("\"ecs-tasks.amazonaws.com\"", null));
    taskDefinitions.add(taskDefinition("load-test:5", "load-test-execution", null));
  }

  // The data VPC has no NAT gateway: ECR and Logs through interface endpoints, S3 through a gateway
  // endpoint. This morning someone "locked down" its subnets with a network ACL entry that denies
  // inbound 1024-65535: every reply to the ingest service's tasks now dies at the subnet boundary.
  private void dataVpcIngest() {
    routeTables.add(
        new RouteTable(
            "rtb-0data",
            "vpc-0data",
            List.of(
                Route.local("10.1.0.0/16"),
                Route.of(S3_PREFIX_LIST, "vpce-0datas3", "CreateRoute")),
            List.of(
                new RouteTable.Association("rtbassoc-0datamain", "rtb-0data", null, null, true)),
            null));
    securityGroups.add(
        new SecurityGroup(
            "sg-0ingest",
            "ingest",
            "vpc-0data",
            "ingest tasks",
            List.of(),
            List.of(allTraffic()),
            null));
    securityGroups.add(
        new SecurityGroup(
            "sg-0dataendpoints",
            "endpoints",
            "vpc-0data",
            "interface endpoints",
            List.of(tcpFrom(443, "10.1.0.0/16")),
            List.of(),
            null));
    for (String service : List.of("ecr.api", "ecr.dkr", "logs")) {
      vpcEndpoints.add(
          new VpcEndpoint(
              "vpce-0data" + service.replace(".", ""),
              "vpc-0data",
              "com.amazonaws." + REGION + "." + service,
              "Interface",
              "available",
              List.of("subnet-0data0", "subnet-0data1"),
              null,
              true,
              List.of(new SecurityGroup.GroupIdentifier("sg-0dataendpoints", "endpoints")),
              null));
    }
    vpcEndpoints.add(
        new VpcEndpoint(
            "vpce-0datas3",
            "vpc-0data",
            "com.amazonaws." + REGION + ".s3",
            "Gateway",
            "available",
            null,
            List.of("rtb-0data"),
            null,
            null,
            null));
    networkAcls.add(new NetworkAcl("acl-0data", "vpc-0data", true, openAcl(), List.of(), null));
    List<NetworkAcl.Entry> lockdown = new ArrayList<>();
    lockdown.add(
        new NetworkAcl.Entry(
            90, "6", "deny", false, "0.0.0.0/0", null, new NetworkAcl.PortRange(1024, 65535)));
    lockdown.addAll(openAcl());
    networkAcls.add(
        new NetworkAcl(
            "acl-0ingest",
            "vpc-0data",
            false,
            lockdown,
            List.of(
                new NetworkAcl.Association("aclassoc-0ingest0", "acl-0ingest", "subnet-0data0"),
                new NetworkAcl.Association("aclassoc-0ingest1", "acl-0ingest", "subnet-0data1")),
            null));
    trail.add(
        change(
            "CreateNetworkAclEntry",
            now.minus(Duration.ofHours(6).plusMinutes(55)),
            "arn:aws:iam::" + ACCOUNT + ":user/jordan",
            "198.51.100.77",
            "{\"networkAclId\":\"acl-0ingest\",\"ruleNumber\":90,\"egress\":false,\"ruleAction\":\"deny\","
                + "\"aclProtocol\":\"6\",\"portRange\":{\"from\":1024,\"to\":65535},\"cidrBlock\":\"0.0.0.0/0\"}"));

    role("ingest-execution", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    role("ingest-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    String td = "ingest:12";
    List<Service.Deployment> deployments = completed(td, 2, Duration.ofDays(10));
    services.add(
        new Service(
            "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/production/ingest",
            "ingest",
            PROD,
            "ACTIVE",
            2,
            2,
            0,
            "FARGATE",
            null,
            "1.4.0",
            tdArn(td),
            new Service.DeploymentConfiguration(new Service.CircuitBreaker(true, true), 200, 100),
            new Service.DeploymentController("ECS"),
            deployments,
            new Service.NetworkConfiguration(
                new Service.AwsVpcConfiguration(
                    List.of("subnet-0data0", "subnet-0data1"), List.of("sg-0ingest"), "DISABLED")),
            List.of(),
            List.of(
                new Service.ServiceEvent(
                    id(),
                    now.minus(Duration.ofHours(9)),
                    "(service ingest) has reached a steady " + "state.")),
            false,
            null,
            now.minus(Duration.ofDays(90))));
    taskDefinitions.add(taskDefinition(td, "ingest-execution", "ingest-task"));
    for (int i = 0; i < 2; i++) {
      String eniId = nextEni();
      String subnet = "subnet-0data" + i;
      String ip = "10.1." + (16 * i + 1) + ".20";
      String arn = taskArn();
      enis.add(eni(eniId, subnet, ecsAttachment(), "interface", "578734482556", true));
      flowEnis.add(
          new DemoFlowLog.Eni(
              "ingest",
              eniId,
              ip,
              subnet,
              AZS[i],
              AZ_IDS[i],
              "vpc-0data",
              arn.substring(arn.lastIndexOf('/') + 1)));
      tasks.add(
          new Task(
              arn,
              PROD,
              tdArn(td),
              "service:ingest",
              deployments.get(0).id(),
              "RUNNING",
              "RUNNING",
              "FARGATE",
              "1.4.0",
              AZS[i],
              "512",
              "1024",
              now.minus(Duration.ofDays(10)),
              now.minus(Duration.ofDays(10)),
              null,
              null,
              null,
              null,
              "HEALTHY",
              false,
              List.of(
                  new Task.Attachment(
                      id(),
                      "ElasticNetworkInterface",
                      "ATTACHED",
                      List.of(
                          new KeyValue("subnetId", subnet),
                          new KeyValue("networkInterfaceId", eniId),
                          new KeyValue("privateIPv4Address", ip)))),
              List.of(
                  new Task.Container(
                      null, "ingest", image("ingest", "3.2.0"), "RUNNING", null, null, "HEALTHY")),
              null));
    }
  }

  private static List<NetworkAcl.Entry> openAcl() {
    return List.of(
        new NetworkAcl.Entry(100, "-1", "allow", false, "0.0.0.0/0", null, null),
        new NetworkAcl.Entry(32767, "-1", "deny", false, "0.0.0.0/0", null, null),
        new NetworkAcl.Entry(100, "-1", "allow", true, "0.0.0.0/0", null, null),
        new NetworkAcl.Entry(32767, "-1", "deny", true, "0.0.0.0/0", null, null));
  }

  private static SecurityGroup.Permission allTraffic() {
    return new SecurityGroup.Permission(
        "-1", null, null, List.of(new SecurityGroup.IpRange("0.0.0.0/0", null)), null, null, null);
  }

  private static SecurityGroup.Permission tcpFrom(int port, String cidr) {
    return new SecurityGroup.Permission(
        "tcp", port, port, List.of(new SecurityGroup.IpRange(cidr, null)), null, null, null);
  }

  /** A CloudTrail event as LookupEvents returns it: the event itself is a JSON string. */
  private CloudTrailEvent change(
      String name, Instant when, String who, String sourceIp, String parameters) {
    String eventId = id();
    String json =
        "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\""
            + (who.contains(":user/") ? "IAMUser" : "AssumedRole")
            + "\",\"arn\":\""
            + who
            + "\",\"accountId\":\""
            + ACCOUNT
            + "\"},\"eventTime\":\""
            + when
            + "\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\""
            + name
            + "\",\"awsRegion\":\""
            + REGION
            + "\",\"sourceIPAddress\":\""
            + sourceIp
            + "\",\"requestParameters\":"
            + parameters
            + ",\"eventID\":\""
            + eventId
            + "\"}";
    return new CloudTrailEvent(
        eventId,
        name,
        when,
        "ec2.amazonaws.com",
        who.substring(who.lastIndexOf('/') + 1),
        List.of(),
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(json));
  }

  // search: 24 tasks in two /27 subnets. An old script left 8 interfaces in subnet a, attached to
  // nothing: a deployment at 200 % needs 12 more addresses in each subnet.
  private void searchInSmallSubnets() {
    for (int i = 0; i < 2; i++) {
      String suffix = "ab".substring(i, i + 1);
      subnets.add(
          new Subnet(
              "subnet-0search" + suffix,
              "vpc-0prod",
              AZS[i],
              AZ_IDS[i],
              "10.0." + (64 + i) + ".0/27",
              null,
              false,
              List.of(new Tag("Name", "search-" + suffix))));
      associate(
          "rtb-0private" + suffix,
          "subnet-0search" + suffix); // private: out through its AZ's NAT gateway
    }
    role("search-execution", trust("\"ecs-tasks.amazonaws.com\"", null));
    role("search-task", trust("\"ecs-tasks.amazonaws.com\"", ACCOUNT));
    List<Service.Deployment> deployments = completed("search:12", 24, Duration.ofDays(5));
    services.add(
        new Service(
            "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/production/search",
            "search",
            PROD,
            "ACTIVE",
            24,
            24,
            0,
            "FARGATE",
            null,
            "1.4.0",
            tdArn("search:12"),
            new Service.DeploymentConfiguration(new Service.CircuitBreaker(true, true), 200, 100),
            new Service.DeploymentController("ECS"),
            deployments,
            awsvpc("subnet-0searcha", "subnet-0searchb"),
            List.of(),
            List.of(
                new Service.ServiceEvent(
                    id(),
                    now.minus(Duration.ofHours(1)),
                    "(service search) has reached a steady state.")),
            false,
            60,
            now.minus(Duration.ofDays(90))));
    taskDefinitions.add(taskDefinition("search:12", "search-execution", "search-task"));
    for (int i = 0; i < 24; i++) {
      runningTask(
          "search",
          "search:12",
          deployments.get(0).id(),
          "subnet-0search" + "ab".charAt(i % 2),
          AZS[i % 2]);
    }
    for (int i = 0; i < 8; i++) {
      NetworkInterface e =
          eni(
              nextEni(),
              "subnet-0searcha",
              "reindex worker scratch interface",
              "interface",
              null,
              false);
      enis.add(
          new NetworkInterface(
              e.networkInterfaceId(),
              e.subnetId(),
              e.vpcId(),
              e.availabilityZone(),
              e.description(),
              "interface",
              null,
              false,
              "available",
              null,
              null,
              null,
              null,
              ACCOUNT));
    }
  }

  // Everyone else in the Region: Lambda functions in the data VPC (the quota is per Region, not per
  // VPC), load balancers, RDS, endpoints, instances, and interfaces left behind by old scripts.
  private void otherEniConsumers() {
    // 416 Lambda interfaces: with every task's own interface the Region holds 4614 of 5000.
    for (int i = 0; i < 416; i++) {
      enis.add(
          eni(
              nextEni(),
              "subnet-0data" + (i % 2),
              "AWS Lambda VPC ENI-ingest-"
                  + UUID.nameUUIDFromBytes(("l" + i).getBytes(StandardCharsets.UTF_8)),
              "lambda",
              "AROAEXAMPLEID:awslambda_" + i,
              true));
    }
    for (int i = 0; i < 24; i++) {
      enis.add(
          eni(
              nextEni(),
              "subnet-0public" + "abc".charAt(i % 3),
              "ELB app/prod-web/50dc6c495c0c9188",
              "interface",
              "amazon-elb",
              true));
    }
    for (int i = 0; i < 6; i++) {
      enis.add(
          eni(
              nextEni(),
              "subnet-0data" + (i % 2),
              "RDSNetworkInterface",
              "interface",
              "amazon-rds",
              true));
    }
    for (int i = 0; i < 12; i++) {
      enis.add(
          eni(
              nextEni(),
              "subnet-0private" + "abc".charAt(i % 3),
              "VPC Endpoint Interface vpce-0" + (i / 3) + "ecr",
              "vpc_endpoint",
              null,
              true));
    }
    for (int i = 0; i < 40; i++) {
      NetworkInterface e = eni(nextEni(), "subnet-0privateb", "", "interface", null, false);
      enis.add(
          new NetworkInterface(
              e.networkInterfaceId(),
              e.subnetId(),
              e.vpcId(),
              e.availabilityZone(),
              "",
              "interface",
              null,
              false,
              "in-use",
              null,
              new NetworkInterface.Attachment(
                  "eni-attach-" + i, "i-0bastion" + i, ACCOUNT, "attached", 0),
              null,
              null,
              ACCOUNT));
    }
    for (int i = 0;
        i < 258;
        i++) { // interfaces an old packet-capture script left attached to nothing
      NetworkInterface e =
          eni(
              nextEni(),
              "subnet-0privatec",
              "temporary interface for packet capture",
              "interface",
              null,
              false);
      enis.add(
          new NetworkInterface(
              e.networkInterfaceId(),
              e.subnetId(),
              e.vpcId(),
              e.availabilityZone(),
              e.description(),
              "interface",
              null,
              false,
              "available",
              null,
              null,
              null,
              null,
              ACCOUNT));
    }
  }

  private void associate(String routeTableId, String subnetId) {
    routeTables.replaceAll(
        t -> {
          if (!t.routeTableId().equals(routeTableId)) return t;
          List<RouteTable.Association> associations = new ArrayList<>(t.associations());
          associations.add(
              new RouteTable.Association(
                  "rtbassoc-0" + subnetId.substring("subnet-0".length()),
                  routeTableId,
                  subnetId,
                  null,
                  false));
          return new RouteTable(t.routeTableId(), t.vpcId(), t.routes(), associations, t.tags());
        });
  }

  // Every interface takes an address of its subnet: the free counts follow from what is placed
  // there.
  private void freeAddresses() {
    Map<String, Long> used = new java.util.HashMap<>();
    enis.forEach(e -> used.merge(e.subnetId(), 1L, Long::sum));
    subnets.replaceAll(
        s ->
            new Subnet(
                s.subnetId(),
                s.vpcId(),
                s.availabilityZone(),
                s.availabilityZoneId(),
                s.cidrBlock(),
                (int) (usableAddresses(s.cidrBlock()) - used.getOrDefault(s.subnetId(), 0L)),
                s.mapPublicIpOnLaunch(),
                s.tags()));
  }

  private static long usableAddresses(String cidr) {
    int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    return (1L << (32 - bits)) - 5; // AWS reserves five addresses in every subnet
  }

  private void service(
      String name,
      int desired,
      int running,
      String td,
      String execRole,
      String taskRole,
      List<Service.Deployment> deployments) {
    services.add(
        service(
            name,
            desired,
            running,
            td,
            deployments,
            List.of(
                new Service.ServiceEvent(
                    id(),
                    now.minus(Duration.ofHours(2)),
                    "(service " + name + ") has reached a steady state."))));
    taskDefinitions.add(taskDefinition(td, execRole, taskRole));
    for (int i = 0; i < running; i++) runningTask(name, td, deployments.get(0).id(), i);
  }

  private Service service(
      String name,
      int desired,
      int running,
      String td,
      List<Service.Deployment> deployments,
      List<Service.ServiceEvent> events) {
    // checkout rolls out without the circuit breaker (its deployment retries for hours); reports
    // keeps
    // one task at 100 %/100 % and never set up ECS Exec; api and checkout sit behind the ALB.
    boolean circuitBreaker = !name.equals("checkout");
    boolean rollback = circuitBreaker && !name.equals("billing");
    int maximum = name.equals("reports") ? 100 : 200;
    String targetGroup = targetGroupOf(name);
    return new Service(
        "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/production/" + name,
        name,
        PROD,
        "ACTIVE",
        desired,
        running,
        0,
        "FARGATE",
        null,
        "1.4.0",
        tdArn(td),
        new Service.DeploymentConfiguration(
            new Service.CircuitBreaker(circuitBreaker, rollback), maximum, 100),
        new Service.DeploymentController("ECS"),
        deployments,
        awsvpc("subnet-0privatea", "subnet-0privateb", "subnet-0privatec"),
        targetGroup == null
            ? List.of()
            : List.of(new Service.LoadBalancer(targetGroup, null, name, 8080)),
        events,
        execReady(name),
        60,
        now.minus(Duration.ofDays(200)));
  }

  private static boolean execReady(String service) {
    return !service.equals("reports");
  }

  /**
   * The ALB's target group of a service, created on first use, or null for services without one.
   */
  private String targetGroupOf(String service) {
    if (!service.equals("api") && !service.equals("checkout")) return null;
    String arn =
        "arn:aws:elasticloadbalancing:"
            + REGION
            + ":"
            + ACCOUNT
            + ":targetgroup/"
            + service
            + "-tg/"
            + (service.equals("api") ? "6d0ecf831eec9f09" : "8a1f3c2e9b7d4c05");
    if (targetGroups.stream().noneMatch(t -> t.targetGroupArn().equals(arn))) {
      targetGroups.add(
          new ElbData.TargetGroup(
              arn,
              service + "-tg",
              "ip",
              "HTTP",
              8080,
              "vpc-0prod",
              List.of(ALB),
              "HTTP",
              "traffic-port",
              "/health",
              30,
              5,
              5,
              2,
              new ElbData.Matcher("200", null)));
    }
    return arn;
  }

  private List<Service.Deployment> completed(String td, int count, Duration age) {
    return List.of(
        new Service.Deployment(
            "ecs-svc/" + Math.abs((long) td.hashCode()) + "0001",
            "PRIMARY",
            tdArn(td),
            count,
            0,
            count,
            0,
            now.minus(age),
            now.minus(age).plusSeconds(420),
            "FARGATE",
            "1.4.0",
            "COMPLETED",
            null));
  }

  private static Service.NetworkConfiguration awsvpc(String... subnetIds) {
    return new Service.NetworkConfiguration(
        new Service.AwsVpcConfiguration(List.of(subnetIds), List.of("sg-0api"), "DISABLED"));
  }

  private TaskDefinition taskDefinition(String familyRevision, String execRole, String taskRole) {
    String[] fr = familyRevision.split(":");
    List<EnvironmentVariable> environment =
        new ArrayList<>(List.of(EnvironmentVariable.redact("LOG_LEVEL", "info")));
    // A value written here for the demo only; the snapshot keeps its kind, never the text.
    if (fr[0].equals("reports"))
      environment.add(EnvironmentVariable.redact("REPORTS_DB_PASSWORD", "demo-not-a-secret"));
    // payments-worker reads its database password from Secrets Manager; the managed execution
    // policy
    // it relies on does not allow that.
    List<TaskDefinition.Secret> secrets =
        fr[0].equals("payments-worker")
            ? List.of(
                new TaskDefinition.Secret(
                    "DB_PASSWORD",
                    "arn:aws:secretsmanager:"
                        + REGION
                        + ":"
                        + ACCOUNT
                        + ":secret:prod/payments/db-Xy12Ab"))
            : List.of();
    // billing:15 asks its Stripe secret for a JSON key the secret does not have.
    if (familyRevision.equals("billing:15")) {
      secrets =
          List.of(
              new TaskDefinition.Secret(
                  "STRIPE_API_KEY",
                  "arn:aws:secretsmanager:"
                      + REGION
                      + ":"
                      + ACCOUNT
                      + ":secret:prod/billing/stripe-Q1w2E3:STRIPE_API_KEY::"));
    }
    // thumbnails:8 moves to Graviton; docs-site serves nginx straight from Docker Hub.
    TaskDefinition.RuntimePlatform platform =
        familyRevision.equals("thumbnails:8")
            ? new TaskDefinition.RuntimePlatform("ARM64", "LINUX")
            : null;
    String image = fr[0].equals("docs-site") ? "nginx:1.27" : image(fr[0], "1." + fr[1] + ".0");
    String memory = fr[0].equals("catalog") ? "2048" : "1024";
    return new TaskDefinition(
        tdArn(familyRevision),
        fr[0],
        Integer.parseInt(fr[1]),
        "ACTIVE",
        taskRole == null ? null : roleArn(taskRole),
        roleArn(execRole),
        "awsvpc",
        "512",
        memory,
        List.of("FARGATE"),
        null,
        platform,
        List.of(
            new TaskDefinition.ContainerDefinition(
                fr[0],
                image,
                null,
                null,
                null,
                true,
                environment,
                secrets,
                new TaskDefinition.LogConfiguration(
                    "awslogs",
                    java.util.Map.of(
                        "awslogs-group",
                        "/ecs/" + fr[0],
                        "awslogs-region",
                        REGION,
                        "awslogs-stream-prefix",
                        fr[0])),
                List.of(new TaskDefinition.PortMapping(8080, 8080, "tcp")),
                null,
                null,
                false)));
  }

  private void runningTask(String service, String td, String deployment, int i) {
    runningTask(service, td, deployment, "subnet-0private" + "abc".charAt(i % 3), AZS[i % 3]);
  }

  private void runningTask(String service, String td, String deployment, String subnet, String az) {
    String eniId = nextEni();
    int zone = java.util.Arrays.asList(AZS).indexOf(az);
    String ip = privateAddress(zone, eniId);
    String targetGroup = targetGroupOf(service);
    if (targetGroup != null) {
      targetHealth.add(
          new ElbData.TargetHealthDescription(
              targetGroup,
              new ElbData.Target(ip, 8080, az),
              "8080",
              new ElbData.TargetHealth("healthy", null, null)));
    }
    enis.add(eni(eniId, subnet, ecsAttachment(), "interface", "578734482556", true));
    String arn = taskArn();
    flowEnis.add(
        new DemoFlowLog.Eni(
            service,
            eniId,
            ip,
            subnet,
            az,
            AZ_IDS[zone],
            "vpc-0prod",
            arn.substring(arn.lastIndexOf('/') + 1)));
    tasks.add(
        new Task(
            arn,
            PROD,
            tdArn(td),
            "service:" + service,
            deployment,
            "RUNNING",
            "RUNNING",
            "FARGATE",
            "1.4.0",
            az,
            "512",
            "1024",
            now.minus(Duration.ofDays(1)),
            now.minus(Duration.ofDays(1)),
            null,
            null,
            null,
            null,
            "HEALTHY",
            execReady(service),
            List.of(
                new Task.Attachment(
                    id(),
                    "ElasticNetworkInterface",
                    "ATTACHED",
                    List.of(
                        new KeyValue("subnetId", subnet),
                        new KeyValue("networkInterfaceId", eniId),
                        new KeyValue("privateIPv4Address", ip)))),
            List.of(
                new Task.Container(
                    null,
                    service,
                    image(service, "1.0.0"),
                    "RUNNING",
                    null,
                    null,
                    "HEALTHY",
                    execReady(service)
                        ? List.of(
                            new Task.ManagedAgent(
                                "ExecuteCommandAgent",
                                "RUNNING",
                                null,
                                now.minus(Duration.ofDays(1))))
                        : List.of())),
            null));
  }

  private NetworkInterface eni(
      String id,
      String subnet,
      String description,
      String type,
      String requester,
      boolean managed) {
    String az =
        subnet.startsWith("subnet-0data")
            ? AZS[subnet.endsWith("0") ? 0 : 1]
            : AZS[subnet.charAt(subnet.length() - 1) - 'a'];
    String vpc = subnet.startsWith("subnet-0data") ? "vpc-0data" : "vpc-0prod";
    return new NetworkInterface(
        id,
        subnet,
        vpc,
        az,
        description,
        type,
        requester,
        managed,
        "in-use",
        null,
        null,
        null,
        null,
        ACCOUNT);
  }

  private void scene(String name, Runnable build) {
    scene = name;
    build.run();
    scene = "";
  }

  private UUID nextUuid(String kind) {
    int n = sequences.merge(scene + "/" + kind, 1, Integer::sum);
    return UUID.nameUUIDFromBytes(
        ("demo/" + scene + "/" + kind + "/" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private String nextEni() {
    return String.format("eni-0%016x", nextUuid("eni").getMostSignificantBits() >>> 4);
  }

  /** A free address in the zone's private /20, derived from the interface id. */
  private String privateAddress(int zone, String eniId) {
    int h = Math.floorMod(eniId.hashCode(), 4096 - 32) + 16;
    String ip;
    do {
      ip = "10.0." + (16 * zone + h / 256) + "." + (h % 256);
      h = h + 1 >= 4096 - 16 ? 16 : h + 1;
    } while (!addresses.add(ip));
    return ip;
  }

  private String ecsAttachment() {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":attachment/" + id();
  }

  // Deterministic ids: the demo prints the same report every run.
  private String id() {
    return nextUuid("id").toString();
  }

  // Execution roles carry AWS's managed execution policy (ECR pull and log streams, no secrets);
  // task roles allow ECS Exec's channels, except where the demo needs them not to.
  private void role(String name, JsonNode trust) {
    List<Role.AttachedPolicy> attached =
        name.endsWith("-execution")
            ? List.of(
                new Role.AttachedPolicy(
                    "AmazonECSTaskExecutionRolePolicy",
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                    "v1",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                            + "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                            + "\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}")))
            : List.of();
    if (name.equals("billing-execution")) {
      roles.add(
          new Role(
              name,
              roleArn(name),
              String.format("AROA%016X", (long) name.hashCode() & 0xffffffffL),
              "/",
              trust,
              null,
              attached,
              List.of(
                  new Role.InlinePolicy(
                      "billing-secrets",
                      json(
                          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                              + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":"
                              + "\"arn:aws:secretsmanager:"
                              + REGION
                              + ":"
                              + ACCOUNT
                              + ":secret:prod/billing/*\"}]}")))));
      return;
    }
    List<Role.InlinePolicy> inline =
        name.endsWith("-task") && !name.equals("reports-task")
            ? List.of(
                new Role.InlinePolicy(
                    "ecs-exec",
                    json(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                            + "\"Allow\",\"Action\":[\"ssmmessages:CreateControlChannel\",\"ssmmessages:CreateDataChannel\","
                            + "\"ssmmessages:OpenControlChannel\",\"ssmmessages:OpenDataChannel\"],\"Resource\":\"*\"}]}")))
            : List.of();
    roles.add(
        new Role(
            name,
            roleArn(name),
            String.format("AROA%016X", (long) name.hashCode() & 0xffffffffL),
            "/",
            trust,
            null,
            attached,
            inline));
  }

  private static JsonNode json(String text) {
    try {
      return SnapshotJson.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode trust(String servicePrincipal, String sourceAccount) {
    String condition =
        sourceAccount == null
            ? ""
            : ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + sourceAccount + "\"}}";
    try {
      return SnapshotJson.mapper()
          .readTree(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                  + "\"Principal\":{\"Service\":"
                  + servicePrincipal
                  + "},\"Action\":\"sts:AssumeRole\""
                  + condition
                  + "}]}");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Coverage> coverage() {
    List<Coverage> out = new ArrayList<>();
    for (String action :
        List.of(
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeRouteTables",
            "ec2:DescribeNatGateways",
            "ec2:DescribeInternetGateways",
            "ec2:DescribeVpcEndpoints",
            "ec2:DescribeNetworkAcls",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeFlowLogs",
            "ec2:DescribePrefixLists",
            "cloudtrail:LookupEvents",
            "ecs:ListClusters",
            "ecs:DescribeClusters",
            "ecs:ListServices",
            "ecs:DescribeServices",
            "ecs:DescribeTaskDefinition",
            "ecs:ListTasks",
            "ecs:DescribeTasks",
            "servicequotas:GetServiceQuota",
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
            "cloudwatch:GetMetricData")) {
      out.add(Coverage.ok(REGION, action, null, 1, 0));
    }
    out.add(Coverage.ok(Coverage.GLOBAL, "iam:GetAccountAuthorizationDetails", null, 1, 0));
    out.add(Coverage.ok(Coverage.GLOBAL, "sts:GetCallerIdentity", null, 1, 0));
    out.add(
        new Coverage(
            REGION,
            "ecs:DescribeTasks",
            Coverage.Outcome.THROTTLED,
            "development",
            "ThrottlingException: Rate exceeded",
            38,
            114));
    return out;
  }

  private static String tdArn(String familyRevision) {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + familyRevision;
  }

  private static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  private String taskArn() {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task/production/" + id().replace("-", "");
  }

  private static String image(String repo, String tag) {
    return ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + repo + ":" + tag;
  }
}
