package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One team configuration everywhere: every command that judges or reports reads
 * .fargate-doctor.yaml (or --config) the same way, and a broken one stops each of them with exit 2
 * naming the file and line.
 */
class TeamConfigurationTest {
  private static final Path FIXTURES =
      Path.of("..", "doctor-checks", "src", "test", "resources", "fixtures");

  @TempDir Path dir;
  private String demo;

  @BeforeEach
  void saveTheDemo() {
    demo = dir.resolve("demo.json").toString();
    Run.of("demo", "--save-snapshot", demo, "--output", "json");
  }

  private String config(String yaml) throws Exception {
    Path f = dir.resolve("team-" + yaml.hashCode() + ".yaml");
    Files.writeString(f, yaml);
    return f.toString();
  }

  @Test
  void watchNeverPrintsOrKeepsWhatTheTeamExcluded() throws Exception {
    String excluding =
        config(
            """
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            reason: one NAT gateway by decision
        """);
    Path plain = dir.resolve("plain");
    Path team = dir.resolve("team");

    Run.of("watch", "--snapshot", demo, "--cycles", "1", "--state-dir", plain.toString());
    Run.of(
        "watch",
        "--snapshot",
        demo,
        "--cycles",
        "1",
        "--state-dir",
        team.toString(),
        "--config",
        excluding);

    assertThat(Files.readString(plain.resolve("findings.json"))).contains("ROUTE-CROSS-AZ-NAT");
    assertThat(Files.readString(team.resolve("findings.json")))
        .doesNotContain("ROUTE-CROSS-AZ-NAT")
        .contains("EXEC-ROLE-TRUST");
  }

  @Test
  void watchSaysWhenAnExcludeHasExpired() throws Exception {
    String expired =
        config(
            """
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            reason: one NAT gateway until the autumn
            owner: network-team
            expires: 2026-09-30
        """);

    Run run =
        Run.of(
            "watch",
            "--snapshot",
            demo,
            "--cycles",
            "1",
            "--state-dir",
            dir.resolve("state").toString(),
            "--config",
            expired);

    assertThat(run.out())
        .contains("\"kind\":\"exclude\",\"change\":\"expired\"")
        .contains("ROUTE-CROSS-AZ-NAT (owner network-team), expires 2026-09-30");
    assertThat(Files.readString(dir.resolve("state").resolve("findings.json")))
        .contains("ROUTE-CROSS-AZ-NAT");
  }

  @Test
  void preflightPlansWithTheTeamsSubnetReserve() throws Exception {
    String[] plan = {
      "preflight",
      "--snapshot",
      FIXTURES.resolve("preflight-shop-fits.json").toString(),
      "--scale",
      "api=10x",
      "--scale",
      "worker=3x"
    };
    Run plain = Run.of(plan);
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).doesNotContain("TIGHT");

    // every planned subnet keeps 852 free IPs at the peak: short of a reserve of 900
    List<String> args = new ArrayList<>(List.of(plan));
    args.addAll(List.of("--config", config("thresholds:\n  subnetIpReserve: 900\n")));
    Run reserved = Run.of(args.toArray(String[]::new));

    assertThat(reserved.exitCode()).as("a tight plan still fits").isZero();
    assertThat(reserved.out())
        .containsPattern("subnet-private-a +TIGHT")
        .contains("below the reserve of 900 free IPs");
  }

  @Test
  void alarmsFireAtTheTeamsEniThresholds() throws Exception {
    Run run =
        Run.of(
            "alarms",
            "--snapshot",
            demo,
            "--format",
            "cloudformation",
            "--config",
            config("thresholds:\n  eniWarnPercent: 70\n  eniCriticalPercent: 85\n"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("fargate-doctor-us-east-1-eni-70", "fargate-doctor-us-east-1-eni-85")
        .doesNotContain("fargate-doctor-us-east-1-eni-80");
  }

  @Test
  void pathShowsTheTeamsDecisionBesideThePath() throws Exception {
    Run run =
        Run.of(
            "path",
            "--snapshot",
            demo,
            "--service",
            "ingest",
            "--to",
            "s3",
            "--config",
            config(
                """
            exclude:
              - check: NO-EGRESS-PATH
                resource: "production/ingest"
                reason: ingest reads S3 through the data VPC's proxy
            """));

    assertThat(run.out())
        .contains(
            "Note: the team excludes NO-EGRESS-PATH on production/ingest in",
            "ingest reads S3 through the data VPC's proxy");
  }

  @Test
  void theHtmlChartsAreDrawnAtTheTeamsThresholds() throws Exception {
    Run run =
        Run.of(
            "demo",
            "--output",
            "html",
            "--config",
            config("thresholds:\n  eniWarnPercent: 70\n  eniCriticalPercent: 85\n"));

    assertThat(run.out()).contains("marks at 70 % and 85 %");
  }

  @Test
  void triageLeavesOutWhatTheTeamExcluded() throws Exception {
    String excluding =
        config(
            """
        exclude:
          - check: ROUTE-CROSS-AZ-NAT
            reason: one NAT gateway by decision
        """);

    assertThat(Run.of("triage", "slow", "--snapshot", demo, "--no-color").out())
        .contains("ROUTE-CROSS-AZ-NAT");
    assertThat(
            Run.of("triage", "slow", "--snapshot", demo, "--no-color", "--config", excluding).out())
        .doesNotContain("ROUTE-CROSS-AZ-NAT");
  }

  static Stream<List<String>> commands() {
    return Stream.of(
        List.of("scan", "--snapshot", "DEMO"),
        List.of("demo"),
        List.of("triage", "slow", "--snapshot", "DEMO"),
        List.of("path", "--snapshot", "DEMO", "--service", "api", "--to", "s3"),
        List.of("preflight", "--snapshot", "DEMO", "--scale", "api=2x"),
        List.of("watch", "--snapshot", "DEMO", "--cycles", "1", "--state-dir", "STATE"),
        List.of("alarms", "--snapshot", "DEMO", "--format", "terraform"),
        List.of("snapshot", "save", "--snapshot", "DEMO", "COPY"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aBrokenConfigurationStopsEveryCommandWithExitTwoNamingTheLine(List<String> command)
      throws Exception {
    String broken = config("thresholds:\n  eniWarnPercent: 95\n  eniCriticalPercent: 90\n");
    List<String> args = new ArrayList<>();
    for (String a : command) {
      args.add(
          switch (a) {
            case "DEMO" -> demo;
            case "STATE" -> dir.resolve("state").toString();
            case "COPY" -> dir.resolve("copy.json").toString();
            default -> a;
          });
    }
    args.addAll(List.of("--config", broken));

    Run run = Run.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(broken + ":1:", "eniWarnPercent (95.0) is above");
  }
}
