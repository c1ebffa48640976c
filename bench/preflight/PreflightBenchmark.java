import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.check.capacity.PeakPlan;
import dev.fargatedoctor.check.capacity.Preflight;
import dev.fargatedoctor.check.capacity.ScaleRequest;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bench/preflight: a snapshot of one region with 2,000 services in 20 clusters (about 21,000
 * running tasks and their network interfaces, 60 subnets in 3 AZs), then preflight for one service,
 * and for every service at 2x, against the baseline measured in the same run: the whole check
 * catalogue (a scan without collection) over the same snapshot. Prints medians and the ratios.
 */
public class PreflightBenchmark {
  static final int SERVICES = Integer.getInteger("services", 2000);
  static final int RUNS = 7;
  static final String R = "us-east-1";
  static final String ACCOUNT = "123456789012";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Snapshot snapshot = build();
    Path file = Files.createTempFile("preflight-bench", ".json.gz");
    SnapshotFiles.write(snapshot, file);
    RegionSnapshot region = snapshot.regions().get(0);
    System.out.printf(
        "snapshot: %d services, %d tasks, %d network interfaces, %d subnets (%.1f MB gzip; built in %.1f s)%n",
        region.ecs().services().size(),
        region.ecs().tasks().size(),
        region.ec2().networkInterfaces().size(),
        region.ec2().subnets().size(),
        Files.size(file) / 1e6,
        (System.nanoTime() - t0) / 1e9);
    Files.delete(file);

    List<ScaleRequest> one = List.of(ScaleRequest.parse("cluster-2/service-42=10x"));
    List<ScaleRequest> all = new ArrayList<>();
    for (Service s : region.ecs().services())
      all.add(ScaleRequest.parse(s.clusterName() + "/" + s.serviceName() + "=2x"));
    Preflight preflight = new Preflight(Thresholds.DEFAULTS, CLOCK);
    CheckEngine engine = new CheckEngine(CheckRegistry.all(), CLOCK, Thresholds.DEFAULTS);

    // warm up every path (JIT) before measuring
    for (int i = 0; i < 2; i++) {
      engine.run(snapshot);
      preflight.plan(snapshot, one, true);
      preflight.plan(snapshot, all, true);
    }
    double[] scan = new double[RUNS];
    double[] planOne = new double[RUNS];
    double[] planAll = new double[RUNS];
    PeakPlan last = null;
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      engine.run(snapshot);
      scan[i] = (System.nanoTime() - s) / 1e6;
      s = System.nanoTime();
      preflight.plan(snapshot, one, true);
      planOne[i] = (System.nanoTime() - s) / 1e6;
      s = System.nanoTime();
      last = preflight.plan(snapshot, all, true);
      planAll[i] = (System.nanoTime() - s) / 1e6;
    }
    double base = median(scan);
    System.out.printf(
        "baseline: every check over the snapshot: %.0f ms (median of %d)%n", base, RUNS);
    System.out.printf(
        "preflight, 1 service at 10x:        %.0f ms  = %.2fx the baseline%n",
        median(planOne), median(planOne) / base);
    System.out.printf(
        "preflight, all %d services at 2x: %.0f ms  = %.2fx the baseline (plan fits: %s, %d resources)%n",
        SERVICES,
        median(planAll),
        median(planAll) / base,
        last.fits(),
        last.regions().get(0).resources().size());
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "heap in use after the runs: %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
  }

  static Snapshot build() {
    String[] azs = {"us-east-1a", "us-east-1b", "us-east-1c"};
    List<Subnet> subnets = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      subnets.add(
          new Subnet(
              "subnet-" + i,
              "vpc-1",
              azs[i % 3],
              "use1-az" + (i % 3),
              "10." + (i / 16) + "." + (16 * (i % 16)) + ".0/20",
              4000,
              false,
              null));
    }
    List<Service> services = new ArrayList<>();
    List<TaskDefinition> tds = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<NetworkInterface> enis = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      clusters.add(
          new Cluster(
              arn("cluster", "cluster-" + c),
              "cluster-" + c,
              "ACTIVE",
              0,
              0,
              0,
              List.of("FARGATE"),
              null));
    }
    int eni = 0;
    for (int i = 0; i < SERVICES; i++) {
      String cluster = "cluster-" + (i % 20);
      String name = "service-" + i;
      int desired = 1 + (i * 7) % 20;
      int base = (i % 20) * 3;
      List<String> own = List.of("subnet-" + base, "subnet-" + (base + 1), "subnet-" + (base + 2));
      String td = arn("task-definition", name + ":1");
      tds.add(
          new TaskDefinition(
              td,
              name,
              1,
              "ACTIVE",
              null,
              null,
              "awsvpc",
              Integer.toString(256 << (i % 4)),
              "2048",
              List.of("FARGATE"),
              null,
              null,
              List.of()));
      List<Service.CapacityProviderItem> strategy =
          i % 5 == 0
              ? List.of(
                  new Service.CapacityProviderItem("FARGATE", 1, 1),
                  new Service.CapacityProviderItem("FARGATE_SPOT", 3, 0))
              : List.of();
      services.add(
          new Service(
              arn("service", cluster + "/" + name),
              name,
              arn("cluster", cluster),
              "ACTIVE",
              desired,
              desired,
              0,
              strategy.isEmpty() ? "FARGATE" : null,
              strategy,
              "1.4.0",
              td,
              new Service.DeploymentConfiguration(null, 200, 100),
              null,
              List.of(),
              new Service.NetworkConfiguration(
                  new Service.AwsVpcConfiguration(own, List.of("sg-1"), "DISABLED")),
              null,
              null,
              false,
              null,
              null));
      for (int k = 0; k < desired; k++) {
        String subnet = own.get(k % 3);
        String eniId = String.format("eni-%017x", eni++);
        enis.add(
            new NetworkInterface(
                eniId,
                subnet,
                "vpc-1",
                azs[k % 3],
                "arn:aws:ecs:" + R + ":" + ACCOUNT + ":attachment/" + eniId,
                "interface",
                "578734482556",
                true,
                "in-use",
                null,
                null,
                null,
                null,
                ACCOUNT));
        tasks.add(
            new Task(
                arn("task", cluster + "/" + name + "-" + k),
                arn("cluster", cluster),
                td,
                "service:" + name,
                "ecs-svc/1",
                "RUNNING",
                "RUNNING",
                "FARGATE",
                "1.4.0",
                azs[k % 3],
                Integer.toString(256 << (i % 4)),
                "2048",
                null,
                null,
                null,
                null,
                null,
                null,
                "HEALTHY",
                false,
                List.of(
                    new Task.Attachment(
                        "a",
                        "ElasticNetworkInterface",
                        "ATTACHED",
                        List.of(
                            new KeyValue("subnetId", subnet),
                            new KeyValue("networkInterfaceId", eniId)))),
                List.of(),
                null,
                strategy.isEmpty() ? "FARGATE" : (k % 4 == 0 ? "FARGATE" : "FARGATE_SPOT")));
      }
    }
    List<ServiceQuota> quotas =
        List.of(
            new ServiceQuota(
                "vpc",
                ServiceQuota.NETWORK_INTERFACES_CODE,
                ServiceQuota.NETWORK_INTERFACES_NAME,
                60000.0,
                "applied"),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                40000.0,
                "applied"),
            new ServiceQuota(
                "fargate",
                ServiceQuota.FARGATE_SPOT_VCPU_CODE,
                ServiceQuota.FARGATE_SPOT_VCPU_NAME,
                20000.0,
                "applied"));
    Ec2Data ec2 =
        new Ec2Data(
            List.of(new Vpc("vpc-1", "10.0.0.0/8", null, false, null)),
            subnets,
            null,
            null,
            null,
            null,
            null,
            null,
            enis,
            null);
    List<Coverage> coverage = new ArrayList<>();
    for (String a :
        List.of(
            "ec2:DescribeSubnets",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeRouteTables",
            "ec2:DescribeNatGateways",
            "ecs:ListClusters",
            "ecs:ListServices",
            "ecs:DescribeServices",
            "ecs:DescribeTaskDefinition",
            "ecs:ListTasks",
            "ecs:DescribeTasks",
            "servicequotas:GetServiceQuota")) {
      coverage.add(Coverage.ok(R, a, null, 1, 0));
    }
    coverage.add(Coverage.ok(Coverage.GLOBAL, "iam:GetAccountAuthorizationDetails", null, 1, 0));
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor", "bench", CLOCK.instant(), "bench", ACCOUNT, null, List.of(R), null),
        List.of(new RegionSnapshot(R, ec2, new EcsData(clusters, services, tds, tasks), quotas)),
        null,
        coverage);
  }

  static String arn(String kind, String rest) {
    return "arn:aws:ecs:" + R + ":" + ACCOUNT + ":" + kind + "/" + rest;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
