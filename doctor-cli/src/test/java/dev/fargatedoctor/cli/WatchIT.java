package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * watch against moto: a first cycle, then the write-up's two changes — a private subnet's default
 * route moved to the other AZ's NAT gateway, and the execution role's trust changed to EC2 — and a
 * second run whose first cycle must print both, publish the metrics to CloudWatch (read back from
 * moto) and serve them as Prometheus text. Without --publish watch makes no write; with it, its
 * only write is PutMetricData.
 */
@ExtendWith(MotoExtension.class)
class WatchIT {
  private static final String REGION = "us-east-1";

  @TempDir Path state;

  /** The real command in a thread, its output readable while it runs. */
  private record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    static Running start(ApiCallRecorder recorder, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli =
          FargateDoctor.commandLine(
              new Context(
                  Clock.systemUTC(),
                  recorder,
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      return new Running(CompletableFuture.supplyAsync(() -> cli.execute(args)), out, err);
    }

    String awaitErr(Pattern pattern) throws InterruptedException {
      Instant deadline = Instant.now().plusSeconds(60);
      while (Instant.now().isBefore(deadline)) {
        Matcher m = pattern.matcher(err.toString());
        if (m.find()) return m.group(1);
        if (exit.isDone()) break;
        Thread.sleep(50);
      }
      throw new AssertionError("no " + pattern + " in stderr: " + err);
    }
  }

  @Test
  void twoCyclesPrintTheReplacedRouteAndTheChangedTrustAndPublishTheMetrics(MotoServer moto)
      throws Exception {
    moto.reset();
    String endpoint = moto.endpoint().toString();
    String rtbA;
    String natB;
    int interfaces;
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), REGION)) {
      String vpc = env.vpc("10.0.0.0/16");
      String publicA = env.subnet(vpc, "10.0.101.0/24", "us-east-1a");
      String publicB = env.subnet(vpc, "10.0.102.0/24", "us-east-1b");
      String privateA = env.subnet(vpc, "10.0.1.0/24", "us-east-1a");
      String privateB = env.subnet(vpc, "10.0.2.0/24", "us-east-1b");
      env.defaultRouteToIgw(env.routeTable(vpc, publicA, publicB), env.internetGateway(vpc));
      String natA = env.natGateway(publicA);
      natB = env.natGateway(publicB);
      rtbA = env.routeTable(vpc, privateA);
      env.defaultRouteToNat(rtbA, natA);
      env.defaultRouteToNat(env.routeTable(vpc, privateB), natB);
      String exec =
          env.role("api-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      String task =
          env.role("api-task", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      env.service(
          env.cluster("production"),
          "api",
          env.taskDefinition("api", exec, task),
          List.of(privateA, privateB),
          List.of(env.securityGroup(vpc, "api")),
          2);
      interfaces = env.ec2.describeNetworkInterfaces().networkInterfaces().size();
    }

    ApiCallRecorder readOnly = new ApiCallRecorder();
    Running first =
        Running.start(
            readOnly,
            "watch",
            "--endpoint-url",
            endpoint,
            "--region",
            REGION,
            "--state-dir",
            state.toString(),
            "--cycles",
            "1");
    assertThat(first.exit().get(120, TimeUnit.SECONDS)).as(first.err().toString()).isZero();
    assertThat(first.out().toString()).contains("\"kind\":\"baseline\"");

    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), REGION)) {
      env.replaceDefaultRoute(rtbA, natB);
      env.iam.updateAssumeRolePolicy(
          b ->
              b.roleName("api-execution")
                  .policyDocument(MotoEnvironment.trustingService("\"ec2.amazonaws.com\"")));
    }

    ApiCallRecorder publishing = new ApiCallRecorder();
    Running second =
        Running.start(
            publishing,
            "watch",
            "--endpoint-url",
            endpoint,
            "--region",
            REGION,
            "--state-dir",
            state.toString(),
            "--cycles",
            "2",
            "--interval",
            "3s",
            "--publish",
            "cloudwatch",
            "--prometheus",
            "0");
    String url =
        second.awaitErr(
            Pattern.compile("prometheus metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)"));
    String prometheus = scrapeOnceUpdated(url, second);
    assertThat(second.exit().get(120, TimeUnit.SECONDS)).as(second.err().toString()).isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String l : second.out().toString().split("\n"))
      if (!l.isBlank()) lines.add(SnapshotJson.mapper().readTree(l));
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("cycle").asInt()).isEqualTo(1);
              assertThat(l.get("kind").asText()).isEqualTo("route");
              assertThat(l.get("change").asText()).isEqualTo("modified");
              assertThat(l.get("resource").asText()).isEqualTo(rtbA + " 0.0.0.0/0");
              assertThat(l.get("after").asText()).startsWith(natB);
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("kind").asText()).isEqualTo("trust-policy");
              assertThat(l.get("resource").asText()).isEqualTo("api-execution");
              assertThat(l.get("before").asText()).contains("ecs-tasks.amazonaws.com");
              assertThat(l.get("after").asText()).contains("ec2.amazonaws.com");
            });
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l.get("resource").asText())
                    .isEqualTo("EXEC-ROLE-TRUST iam-role api-execution"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l.get("resource").asText())
                    .startsWith("ROUTE-CROSS-AZ-NAT us-east-1 subnet "));

    assertThat(prometheus)
        .contains(
            "fargate_doctor_network_interfaces_in_use{region=\"us-east-1\"} " + interfaces,
            "fargate_doctor_network_interfaces_quota{region=\"us-east-1\"} 5000",
            "fargate_doctor_subnet_available_ip_addresses{region=\"us-east-1\",subnet_id=\"",
            "fargate_doctor_findings{region=\"us-east-1\",severity=\"CRITICAL\"} ");

    try (CloudWatchClient cw =
        CloudWatchClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(MotoEnvironment.CREDENTIALS)
            .build()) {
      var stats =
          cw.getMetricStatistics(
              b ->
                  b.namespace("FargateDoctor")
                      .metricName("NetworkInterfacesInUse")
                      .dimensions(Dimension.builder().name("Region").value(REGION).build())
                      .startTime(Instant.now().minus(Duration.ofHours(1)))
                      .endTime(Instant.now().plus(Duration.ofMinutes(5)))
                      .period(60)
                      .statistics(Statistic.MAXIMUM));
      assertThat(stats.datapoints())
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.maximum()).isEqualTo(interfaces));
      var utilisation =
          cw.getMetricStatistics(
              b ->
                  b.namespace("FargateDoctor")
                      .metricName("NetworkInterfaceUtilization")
                      .dimensions(Dimension.builder().name("Region").value(REGION).build())
                      .startTime(Instant.now().minus(Duration.ofHours(1)))
                      .endTime(Instant.now().plus(Duration.ofMinutes(5)))
                      .period(60)
                      .statistics(Statistic.MAXIMUM));
      assertThat(utilisation.datapoints()).isNotEmpty();
      Set<String> names = new TreeSet<>();
      cw.listMetricsPaginator(b -> b.namespace("FargateDoctor"))
          .metrics()
          .forEach(m -> names.add(m.metricName()));
      assertThat(names)
          .contains(
              "NetworkInterfacesInUse",
              "NetworkInterfacesQuota",
              "NetworkInterfaceUtilization",
              "SubnetAvailableIpAddresses",
              "Findings");
    }

    Set<String> reads = ReadOnlyScanIT.policyActions();
    assertThat(readOnly.actions())
        .as("watch without --publish")
        .isSubsetOf(reads)
        .doesNotContain("cloudwatch:PutMetricData");
    Set<String> writes = new TreeSet<>(publishing.actions());
    writes.removeAll(reads);
    assertThat(writes)
        .as("watch --publish cloudwatch writes")
        .containsExactly("cloudwatch:PutMetricData");
    assertThat(publishPolicyActions()).containsExactly("cloudwatch:PutMetricData");
  }

  private static String scrapeOnceUpdated(String url, Running running) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && !running.exit().isDone()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && r.body().contains("fargate_doctor_network_interfaces_in_use"))
        return r.body();
      Thread.sleep(50);
    }
    throw new AssertionError("Prometheus never served the metrics: " + running.err());
  }

  private static Set<String> publishPolicyActions() throws Exception {
    JsonNode policy =
        SnapshotJson.mapper()
            .readTree(Path.of("..", "docs", "iam-policy-watch-publish.json").toFile());
    Set<String> actions = new TreeSet<>();
    policy.get("Statement").forEach(st -> st.get("Action").forEach(a -> actions.add(a.asText())));
    return actions;
  }
}
