import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoOrganisation;
import dev.fargatedoctor.testkit.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/org: an organisation of 20 member accounts in moto, each with a VPC, a subnet, a cluster
 * and 50 network interfaces. Compares, through the launcher as a user runs it, one `scan
 * --accounts` of the 20 with 20 sequential single-account scans of the same accounts (target <=
 * 0.5x), and the peak RSS (GNU time) of an organisation scan of 20 accounts with one of 5 (target
 * <= 1.5x).
 */
public class OrgBenchmark {
  static final int MEMBERS = Integer.getInteger("members", 20);
  static final int ENIS = Integer.getInteger("enis", 50);

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("bench.root"));
    try (MotoServer moto = MotoServer.start(Map.of())) {
      URI endpoint = moto.endpoint();
      MotoOrganisation org = new MotoOrganisation(endpoint).create();
      List<String> members = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        String account = org.createAccount("bench" + i);
        members.add(account);
        try (MotoEnvironment env = org.member(account, "us-east-1")) {
          String vpc = env.vpc("10.0.0.0/16");
          String subnet = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
          env.networkInterfaces(subnet, ENIS, n -> "bench " + n);
          env.cluster("bench");
        }
      }
      List<String> scan =
          List.of(
              root.resolve("bin/fargate-doctor").toString(),
              "scan",
              "--endpoint-url",
              endpoint.toString(),
              "--region",
              "us-east-1",
              "--output",
              "json",
              "--allow-incomplete");
      run(cat(scan, List.of("--accounts", members.get(0)))); // warm moto's code paths
      double one = run(cat(scan, List.of("--accounts", String.join(",", members))));
      double sequential = 0;
      for (String member : members) sequential += run(cat(scan, List.of("--accounts", member)));
      System.out.printf(
          "%d accounts in one run: %.1f s; %d sequential single-account runs: %.1f s; ratio %.2fx"
              + " (target <= 0.50x)%n",
          MEMBERS, one, MEMBERS, sequential, one / sequential);
      long rss20 = rss(cat(scan, List.of("--accounts", String.join(",", members))));
      long rss5 = rss(cat(scan, List.of("--accounts", String.join(",", members.subList(0, 5)))));
      System.out.printf(
          "peak RSS: %d accounts %d MB, 5 accounts %d MB; ratio %.2fx (target <= 1.50x)%n",
          MEMBERS, rss20 / 1024, rss5 / 1024, (double) rss20 / rss5);
      System.out.printf(
          "throughput on this machine against moto: %.0f accounts per hour (one Region each)%n",
          3600 * MEMBERS / one);
    }
  }

  static List<String> cat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static double run(List<String> command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    long s = System.nanoTime();
    int rc = pb.start().waitFor();
    if (rc != 0 && rc != 1)
      throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
    return (System.nanoTime() - s) / 1e9;
  }

  /** Peak resident set of the command, in KB, from GNU time. */
  static long rss(List<String> command) throws Exception {
    Path out = Files.createTempFile("rss", ".txt");
    List<String> timed = cat(List.of("/usr/bin/time", "-f", "%M", "-o", out.toString()), command);
    run(timed);
    return Long.parseLong(Files.readString(out).trim().lines().reduce((a, b) -> b).orElseThrow());
  }
}
