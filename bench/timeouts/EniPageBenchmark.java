import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.AwsClients;
import dev.fargatedoctor.collect.AwsSettings;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * bench/timeouts: how long one DescribeNetworkInterfaces answer of 10,000 interfaces takes through
 * the scan's own SDK client (moto ignores MaxResults and sends them all in one page, as a slow or
 * busy endpoint may), against a baseline page of 1,000 measured in the same run. The default
 * attempt timeout must hold the big page with room to spare on a loaded machine: run it while
 * another build runs. Prints the times, the ratio to the baseline and the headroom under the
 * default --api-attempt-timeout.
 */
public class EniPageBenchmark {
  static final int BASELINE = 1000;
  static final int ENIS = Integer.getInteger("enis", 10_000);
  static final int RUNS = Integer.getInteger("runs", 5);

  public static void main(String[] args) throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    AwsSettings defaults = AwsSettings.defaults();
    try (MotoServer moto = MotoServer.start(Map.of());
        MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String vpc = env.vpc("10.0.0.0/16");
      String subnet = env.subnet(vpc, "10.0.0.0/17", "us-east-1a");
      // Measured without a limit that could cut the measurement short; compared with the defaults.
      AwsSettings settings =
          defaults
              .withRegions(List.of("us-east-1"))
              .withEndpoint(moto.endpoint())
              .withMaxAttempts(1)
              .withTimeouts(java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(30));
      try (AwsClients clients = new AwsClients(settings, new ApiCallRecorder())) {
        env.networkInterfaces(subnet, BASELINE, i -> env.ecsAttachmentDescription());
        double[] baseline = measure(clients, BASELINE);
        long t0 = System.nanoTime();
        env.networkInterfaces(subnet, ENIS - BASELINE, i -> env.ecsAttachmentDescription());
        System.out.printf(
            "built %d more network interfaces in %.0f s%n",
            ENIS - BASELINE, (System.nanoTime() - t0) / 1e9);
        double[] big = measure(clients, ENIS);
        double[] raw = raw(moto.endpoint(), ENIS);
        double attempt = defaults.attemptTimeout().toMillis() / 1000.0;
        System.out.printf(
            "load average at the end: %.1f on %d cores%n",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors());
        System.out.printf(
            "one page of %,d: median %.2f s, slowest %.2f s (runs: %s)%n",
            BASELINE, median(baseline), max(baseline), Arrays.toString(round(baseline)));
        System.out.printf(
            "one page of %,d: median %.2f s, slowest %.2f s (runs: %s)%n",
            ENIS, median(big), max(big), Arrays.toString(round(big)));
        System.out.printf(
            "the same page as raw HTTP, no SDK (the endpoint's own time): median %.2f s, slowest %.2f s;"
                + " the SDK adds %.0f %%%n",
            median(raw), max(raw), 100 * (median(big) - median(raw)) / median(raw));
        System.out.printf(
            "ratio %,d / %,d: %.1fx; default --api-attempt-timeout %.0f s = %.1fx the slowest"
                + " big page, --api-timeout %.0f s%n",
            ENIS,
            BASELINE,
            median(big) / median(baseline),
            attempt,
            attempt / max(big),
            defaults.apiCallTimeout().toMillis() / 1000.0);
      }
    }
  }

  // The scan's own call: the collector's paginator with the largest page size EC2 allows.
  static double[] measure(AwsClients clients, int expected) {
    double[] out = new double[RUNS + 1];
    for (int i = 0; i <= RUNS; i++) {
      long s = System.nanoTime();
      long n =
          clients
              .ec2("us-east-1")
              .describeNetworkInterfacesPaginator(b -> b.maxResults(1000))
              .networkInterfaces()
              .stream()
              .count();
      out[i] = (System.nanoTime() - s) / 1e9;
      if (n < expected) throw new IllegalStateException("expected " + expected + ", got " + n);
    }
    return Arrays.copyOfRange(out, 1, out.length); // the first warms connections and the JIT
  }

  // The endpoint's share: the same request without the SDK's signing and XML parsing (moto routes
  // by the credential scope of the Authorization header alone).
  static double[] raw(java.net.URI endpoint, int expected) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(endpoint.resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "Action=DescribeNetworkInterfaces&Version=2016-11-15&MaxResults=1000"))
            .timeout(java.time.Duration.ofMinutes(30))
            .build();
    double[] out = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      out[i] = (System.nanoTime() - s) / 1e9;
      int n = body.split("<networkInterfaceId>", -1).length - 1;
      if (n < expected) throw new IllegalStateException("raw: expected " + expected + ", got " + n);
    }
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  static double[] round(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
  }
}
