package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.cli.faults.BreaksTheRun;
import dev.fargatedoctor.cli.faults.TripsOnCatalog;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README exit-code rows that end in an UNKNOWN finding, and the bug row, in a real CLI process:
 * a check that throws on one resource, a service whose memory series is missing, an API that times
 * out, and a bug that escapes a check.
 */
@ExtendWith(MotoExtension.class)
class FaultsProcessIT {
  private CliProcess cli;

  private Path demo;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliProcess();
    demo = cli.home().resolve("demo.json");
    CliProcess.Result saved = cli.run("demo", "--save-snapshot", demo.toString());
    assertThat(saved.code()).as(saved.err()).isEqualTo(1);
  }

  private static List<JsonNode> findings(CliProcess.Result r, String checkId) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : SnapshotJson.mapper().readTree(r.out()).get("findings")) {
      if (f.get("checkId").asText().equals(checkId)) out.add(f);
    }
    return out;
  }

  private static boolean anyFailure(CliProcess.Result r) throws Exception {
    for (JsonNode f : SnapshotJson.mapper().readTree(r.out()).get("findings")) {
      if (f.get("status").asText().equals("FAIL")) return true;
    }
    return false;
  }

  @Test
  void aCheckThatThrowsOnOneServiceIsUnknownThereAndTheRunGoesOn() throws Exception {
    CliProcess.Result r =
        cli.runWithChecks(
            List.of(TripsOnCatalog.class),
            "scan",
            "--snapshot",
            demo.toString(),
            "--output",
            "json",
            "--include-passed");

    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(findings(r, "TEST-TRIPS-ON-CATALOG"))
        .anySatisfy(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("UNKNOWN");
              assertThat(f.get("title").asText()).contains("catalog", "odd catalog");
            })
        .anySatisfy(f -> assertThat(f.get("title").asText()).isEqualTo("api fine"));
    // The catalogue's own checks ran too.
    assertThat(findings(r, "ENI-QUOTA")).isNotEmpty();
    assertThat(r.code()).as(r.err()).isEqualTo(anyFailure(r) ? 1 : 4);
  }

  @Test
  void aServiceWithoutItsMemorySeriesIsUnknownNamingTheMetric() throws Exception {
    // CloudWatch answered for catalog's memory, but without a single data point.
    ObjectNode snapshot = (ObjectNode) SnapshotJson.mapper().readTree(demo.toFile());
    for (JsonNode m : snapshot.get("regions").get(0).get("metrics")) {
      if (m.get("dimensions").path("ServiceName").asText().equals("catalog")) {
        ((ObjectNode) m).remove(List.of("timestamps", "values"));
      }
    }
    Path edited = cli.home().resolve("catalog-without-memory.json");
    SnapshotJson.mapper().writeValue(edited.toFile(), snapshot);

    CliProcess.Result r =
        cli.run("scan", "--snapshot", edited.toString(), "--output", "json", "--include-passed");

    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(findings(r, "MEMORY-LEAK-TREND"))
        .filteredOn(f -> f.get("title").asText().startsWith("catalog"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("UNKNOWN");
              assertThat(f.get("title").asText()).contains("no memory data", "no data points");
            });
    assertThat(r.code()).as(r.err()).isEqualTo(anyFailure(r) ? 1 : 4);
  }

  @Test
  void anApiThatTimesOutIsACoverageEntryAndItsChecksAreUnknown(MotoServer moto) throws Exception {
    moto.reset();
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String subnet = env.subnet(env.vpc("10.6.0.0/16"), "10.6.1.0/24", "us-east-1a");
      env.networkInterfaces(subnet, 5, i -> env.ecsAttachmentDescription());
    }
    cli.env("AWS_ACCESS_KEY_ID", "testing").env("AWS_SECRET_ACCESS_KEY", "testing");
    try (SlowEndpoint slow = new SlowEndpoint(moto.endpoint())) {
      slow.hold("GetServiceQuota", Duration.ofSeconds(30), Integer.MAX_VALUE);

      CliProcess.Result r =
          cli.run(
              "scan",
              "--endpoint-url",
              slow.endpoint().toString(),
              "--region",
              "us-east-1",
              "--api-attempt-timeout",
              "2s",
              "--api-timeout",
              "5s",
              "--output",
              "json");

      assertThat(r.stackTrace()).as(r.err()).isFalse();
      JsonNode report = SnapshotJson.mapper().readTree(r.out());
      assertThat(report.get("coverage").toString())
          .contains("servicequotas:GetServiceQuota", "TIMEOUT");
      assertThat(findings(r, "ENI-QUOTA"))
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("UNKNOWN"));
      assertThat(r.code()).as(r.err()).isEqualTo(anyFailure(r) ? 1 : 4);
    }
  }

  @Test
  void aBugIsFiveWithOneLineAndNoTraceUnlessDebug() throws Exception {
    String snapshot = demo.toString();

    CliProcess.Result r =
        cli.runWithChecks(List.of(BreaksTheRun.class), "scan", "--snapshot", snapshot);

    assertThat(r.code()).as(r.err()).isEqualTo(5);
    assertThat(r.stackTrace()).as(r.err()).isFalse();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains(
            "internal error (a bug): java.lang.AssertionError: an invariant of the test check broke",
            "--debug");

    CliProcess.Result debug =
        cli.runWithChecks(List.of(BreaksTheRun.class), "scan", "--snapshot", snapshot, "--debug");
    assertThat(debug.code()).isEqualTo(5);
    assertThat(debug.err()).contains("\tat ", "BreaksTheRun.run");
  }
}
