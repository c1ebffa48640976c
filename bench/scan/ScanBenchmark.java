import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.collect.Collector;
import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * bench/scan: a moto environment with 5,000 network interfaces and 30 services, a full scan, and
 * the floor it is compared with in the same run: one DescribeNetworkInterfaces call returning all
 * 5,000. Prints wall times (median of runs), API calls per operation, and calls against the minimum
 * that pagination and batching allow. Target: scan <= 1.3x the floor, calls = the minimum. Then the
 * same as a user runs it: bin/fargate-doctor scan as a process against the write-up's three aws CLI
 * calls (target <= 1.0x) and against describe-network-interfaces alone (target <= 1.3x), the
 * launcher with the class-data archive a first interactive run makes.
 */
public class ScanBenchmark {
  static final int ENIS = Integer.getInteger("enis", 5000);
  static final int SERVICES = 30;
  static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try (MotoServer moto = MotoServer.start(Map.of("MOTO_IAM_LOAD_MANAGED_POLICIES", "true"));
        MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      long t0 = System.nanoTime();
      build(env);
      System.out.printf(
          "environment: %d network interfaces, %d services (built in %.1f s)%n",
          ENIS, SERVICES, (System.nanoTime() - t0) / 1e9);

      AwsSettings settings =
          AwsSettings.defaults().withRegions(List.of("us-east-1")).withEndpoint(moto.endpoint());
      // warm both paths (JIT, connections) before measuring
      floor(env);
      scan(settings, new ApiCallRecorder());

      double[] floors = new double[RUNS];
      double[] scans = new double[RUNS];
      ApiCallRecorder recorder = null;
      Snapshot snapshot = null;
      for (int i = 0; i < RUNS; i++) {
        floors[i] = floor(env);
        recorder = new ApiCallRecorder();
        long s = System.nanoTime();
        snapshot = scan(settings, recorder);
        scans[i] = (System.nanoTime() - s) / 1e9;
      }
      double floor = median(floors);
      double scan = median(scans);
      System.out.printf(
          "floor: one DescribeNetworkInterfaces (%d interfaces): %.2f s (median of %d)%n",
          ENIS, floor, RUNS);
      System.out.printf(
          "scan:  full scan: %.2f s (median of %d; fastest %.2f s, slowest %.2f s)%n",
          scan, RUNS, Arrays.stream(scans).min().orElse(0), Arrays.stream(scans).max().orElse(0));
      System.out.printf("ratio scan/floor: %.2fx (target <= 1.30x)%n", scan / floor);
      report(recorder, snapshot);
      processes(moto.endpoint());
    }
  }

  /**
   * What a user runs, JVM start-up included: the launcher's scan against the write-up's three aws
   * CLI calls (the interfaces, the ENI quota, the subnets) run one after another, and against the
   * first of them alone. Wall time, median of runs, alternating so other load hits both alike.
   */
  static void processes(URI endpoint) throws Exception {
    String launcher =
        Path.of(System.getProperty("bench.root", ".")).resolve("bin/fargate-doctor").toString();
    List<String> on = List.of("--endpoint-url", endpoint.toString(), "--region", "us-east-1");
    List<List<String>> writeUp =
        List.of(
            cat(List.of("aws", "ec2", "describe-network-interfaces", "--output", "json"), on),
            cat(
                List.of(
                    "aws",
                    "service-quotas",
                    "get-service-quota",
                    "--service-code",
                    "vpc",
                    "--quota-code",
                    "L-DF5E4CA3",
                    "--output",
                    "json"),
                on),
            cat(List.of("aws", "ec2", "describe-subnets", "--output", "json"), on));
    List<String> scan = cat(List.of(launcher, "scan", "--output", "json"), on);
    // The launcher as a user has it after the first interactive run: with its class-data archive,
    // made here in a cache of the bench's own so the user's is neither used nor touched.
    cache = Files.createTempDirectory("bench-scan-cache");
    ProcessBuilder dump =
        new ProcessBuilder(launcher)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    dump.environment().put("FARGATE_DOCTOR_CACHE", cache.toString());
    dump.environment().put("FARGATE_DOCTOR_CDS", "dump");
    if (dump.start().waitFor() != 0)
      throw new IllegalStateException("could not make the class-data archive");
    run(scan); // warm the page cache for both
    for (List<String> c : writeUp) run(c);
    double[] scans = new double[RUNS];
    double[] threes = new double[RUNS];
    double[] ones = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      scans[i] = run(scan);
      double one = run(writeUp.get(0));
      ones[i] = one;
      threes[i] = one + run(writeUp.get(1)) + run(writeUp.get(2));
    }
    System.out.printf(
        "%nprocesses, JVM start-up included (median of %d, wall):%n"
            + "bin/fargate-doctor scan: %.2f s%n"
            + "aws CLI, the write-up's three calls: %.2f s; ratio %.2fx (target <= 1.00x)%n"
            + "aws CLI, describe-network-interfaces alone: %.2f s; ratio %.2fx (target <= 1.30x)%n",
        RUNS,
        median(scans),
        median(threes),
        median(scans) / median(threes),
        median(ones),
        median(scans) / median(ones));
    try (var files = Files.walk(cache)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static boolean quotaNoted;
  static Path cache;

  static List<String> cat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Seconds one command takes; its output is discarded, an exit code above 1 is an error. */
  static double run(List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_PAGER", "");
    if (cache != null) pb.environment().put("FARGATE_DOCTOR_CACHE", cache.toString());
    long s = System.nanoTime();
    int rc = pb.start().waitFor();
    double seconds = (System.nanoTime() - s) / 1e9;
    // A baseline that failed fast would flatter the scan: only the quota lookup may fail (moto does
    // not know every quota), and the scan may exit 1 (failing findings) or 4 (incomplete).
    boolean quota = command.contains("get-service-quota");
    boolean scan = !command.get(0).equals("aws");
    if (rc != 0 && !quota && !(scan && (rc == 1 || rc == 4))) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
    }
    if (quota && rc != 0 && !quotaNoted) {
      quotaNoted = true;
      System.out.println("(get-service-quota exits " + rc + " here: the endpoint lacks the quota)");
    }
    return seconds;
  }

  static void build(MotoEnvironment env) throws Exception {
    String vpc = env.vpc("10.0.0.0/16");
    String[] azs = {"us-east-1a", "us-east-1b", "us-east-1c"};
    List<String> privates = new ArrayList<>();
    String igw = env.internetGateway(vpc);
    String publicRtb = env.routeTable(vpc);
    env.defaultRouteToIgw(publicRtb, igw);
    for (int i = 0; i < 3; i++) {
      String pub = env.subnet(vpc, "10.0." + (200 + i) + ".0/24", azs[i]);
      env.ec2.associateRouteTable(b -> b.routeTableId(publicRtb).subnetId(pub));
      String priv = env.subnet(vpc, "10.0." + (16 * i) + ".0/20", azs[i]);
      env.defaultRouteToNat(env.routeTable(vpc, priv), env.natGateway(pub));
      privates.add(priv);
    }
    String sg = env.securityGroup(vpc, "tasks");
    String cluster = env.cluster("production");
    for (int i = 0; i < SERVICES; i++) {
      String name = "svc-" + i;
      String exec =
          env.role(
              name + "-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      String task =
          env.role(name + "-task", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      env.service(cluster, name, env.taskDefinition(name, exec, task), privates, List.of(sg), 2);
    }
    int existing = env.ec2.describeNetworkInterfaces().networkInterfaces().size();
    env.networkInterfaces(privates.get(0), ENIS - existing, i -> env.ecsAttachmentDescription());
  }

  static double floor(MotoEnvironment env) {
    long s = System.nanoTime();
    int n = env.ec2.describeNetworkInterfaces(b -> b.maxResults(1000)).networkInterfaces().size();
    if (n < ENIS)
      throw new IllegalStateException("expected all interfaces in one page from moto, got " + n);
    return (System.nanoTime() - s) / 1e9;
  }

  static Snapshot scan(AwsSettings settings, ApiCallRecorder recorder) {
    return new Collector(settings, Clock.systemUTC(), "bench", recorder, Progress.NONE).collect();
  }

  /**
   * Calls per operation next to the minimum this endpoint allows (moto answers every list in one
   * page).
   */
  static void report(ApiCallRecorder recorder, Snapshot snapshot) {
    RegionSnapshot r = snapshot.regions().get(0);
    int clusters = r.ecs().clusters().size();
    Map<String, Integer> minimum = new LinkedHashMap<>();
    for (String one :
        List.of(
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeRouteTables",
            "ec2:DescribeNatGateways",
            "ec2:DescribeInternetGateways",
            "ec2:DescribeVpcEndpoints",
            "ec2:DescribeNetworkAcls",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeFlowLogs",
            "ecs:ListClusters",
            "sts:GetCallerIdentity")) {
      minimum.put(one, 1);
    }
    minimum.put("ecs:DescribeClusters", (clusters + 99) / 100);
    minimum.put("ecs:ListServices", clusters);
    minimum.put("ecs:DescribeServices", (r.ecs().services().size() + 9) / 10);
    minimum.put("ecs:ListTasks", 2 * clusters); // RUNNING and STOPPED are separate lists
    int tasks = r.ecs().tasks().size();
    if (tasks > 0) minimum.put("ecs:DescribeTasks", (tasks + 99) / 100);
    minimum.put("ecs:DescribeTaskDefinition", r.ecs().taskDefinitions().size());
    // every role with its policies in pages of 1,000, stopping once the referenced ones are found
    minimum.put("iam:GetAccountAuthorizationDetails", 1);
    Set<String> managed = new TreeSet<>();
    for (var role : snapshot.iam().roles())
      role.attachedPolicies().forEach(p -> managed.add(p.policyArn()));
    if (!managed.isEmpty()) {
      minimum.put("iam:GetPolicy", managed.size());
      minimum.put("iam:GetPolicyVersion", managed.size());
    }
    Map<String, Integer> calls = recorder.calls();
    // quota lookups: by code for each wanted quota, then the by-name and default fallbacks moto
    // needs
    int quotaCalls = 0;
    for (Map.Entry<String, Integer> e : calls.entrySet()) {
      if (e.getKey().startsWith("servicequotas:")) quotaCalls += e.getValue();
    }
    System.out.printf("%n%-42s %6s %8s%n", "operation", "calls", "minimum");
    int total = 0;
    int min = 0;
    for (Map.Entry<String, Integer> e : calls.entrySet()) {
      Integer m = minimum.get(e.getKey());
      System.out.printf(
          "%-42s %6d %8s%n", e.getKey(), e.getValue(), m == null ? "-" : m.toString());
      if (m != null) {
        total += e.getValue();
        min += m;
      }
    }
    System.out.printf(
        "%ncalls with a known minimum: %d, minimum %d, ratio %.2fx; Service Quotas lookups: %d "
            + "(by code, then by name and default for quotas the endpoint does not know)%n",
        total, min, min == 0 ? 0 : (double) total / min, quotaCalls);
    System.out.println("total API calls: " + recorder.totalCalls());
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
