package dev.fargatedoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the catalogue honest: ids, metadata, docs, generated docs, and that every check can fire.
 */
class CatalogueTest {
  static final String FLOWS_FIRE = "flows-api-hangs-through-nat-in-b-and-nacl-drops-replies.json";
  static final String FLOWS_QUIET = "flows-every-az-on-its-own-nat-and-s3-endpoint.json";

  /** For each check: a fixture that makes it fire, and one that keeps it quiet. */
  static final Map<String, List<String>> FIRE_AND_QUIET =
      Map.ofEntries(
          Map.entry("CROSS-AZ-TRAFFIC", List.of(FLOWS_FIRE, FLOWS_QUIET)),
          Map.entry("FLOW-NO-REPLY", List.of(FLOWS_FIRE, FLOWS_QUIET)),
          Map.entry("FLOW-REJECTED", List.of(FLOWS_FIRE, FLOWS_QUIET)),
          Map.entry("NAT-TRAFFIC-ENDPOINT", List.of(FLOWS_FIRE, FLOWS_QUIET)),
          Map.entry(
              "DEPLOY-CONFIG-BLOCKED",
              List.of(
                  "deployment-config-75-125-with-two-tasks.json",
                  "deployments-with-rollback-and-room-to-move.json")),
          Map.entry(
              "DEPLOY-FAILED",
              List.of(
                  "deployment-failed-secret-without-json-key.json",
                  "deployments-with-rollback-and-room-to-move.json")),
          Map.entry(
              "DEPLOY-NO-CIRCUIT-BREAKER",
              List.of(
                  "deployment-config-75-125-with-two-tasks.json",
                  "deployments-with-rollback-and-room-to-move.json")),
          Map.entry(
              "DEPLOY-STUCK",
              List.of(
                  "deployment-stuck-on-role-trust.json",
                  "deployment-started-five-minutes-ago.json")),
          Map.entry(
              "ECS-EXEC-NOT-READY", List.of("ecs-exec-not-ready.json", "ecs-exec-ready.json")),
          Map.entry(
              "ENI-QUOTA",
              List.of("eni-9-of-quota-10-mixed-consumers.json", "eni-3-of-quota-10.json")),
          Map.entry(
              "ENI-SURGE",
              List.of("eni-surge-exceeds-headroom.json", "healthy-two-az-service.json")),
          Map.entry(
              "EXEC-ROLE-PERMS",
              List.of(
                  "execution-role-managed-policy-without-secrets-or-log-group.json",
                  "execution-role-allows-pull-logs-and-secrets.json")),
          Map.entry(
              "EXEC-ROLE-TRUST",
              List.of("execution-role-trusts-ec2.json", "healthy-two-az-service.json")),
          Map.entry(
              "FARGATE-VCPU-QUOTA",
              List.of(
                  "fargate-on-demand-vcpu-90-percent-of-quota.json",
                  "fargate-vcpu-well-under-quota.json")),
          Map.entry(
              "FLOWLOGS-MISSING",
              List.of("vpc-without-flow-logs.json", "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "LB-AZ-SKEW",
              List.of(
                  "alb-unhealthy-targets-and-5xx-in-one-az.json",
                  "alb-healthy-targets-and-even-azs.json")),
          Map.entry(
              "LB-UNHEALTHY-TARGETS",
              List.of(
                  "alb-unhealthy-targets-and-5xx-in-one-az.json",
                  "alb-healthy-targets-and-even-azs.json")),
          Map.entry(
              "MEMORY-LEAK-TREND",
              List.of(
                  "memory-climbing-toward-limit-with-restarts.json", "memory-flat-and-noisy.json")),
          Map.entry(
              "NACL-RETURN-BLOCKED",
              List.of(
                  "nacl-denies-return-traffic-to-private-subnets.json",
                  "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "NAT-NO-IGW",
              List.of(
                  "nat-a-subnet-without-internet-route.json",
                  "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "NO-EGRESS-PATH",
              List.of(
                  "ecr-endpoints-without-s3-gateway-endpoint.json",
                  "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "OOM-KILLS",
              List.of(
                  "stopped-tasks-oom-and-sigkill.json",
                  "stopped-tasks-by-deployment-and-user.json")),
          Map.entry(
              "PLAINTEXT-SECRETS",
              List.of(
                  "task-definition-with-plaintext-password.json",
                  "task-definition-with-secrets-from-secrets-manager.json")),
          Map.entry(
              "ROUTE-BLACKHOLE",
              List.of(
                  "route-to-deleted-nat-gateway.json", "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "ROUTE-CROSS-AZ-NAT",
              List.of("subnet-a-routes-to-nat-in-b.json", "healthy-two-az-service.json")),
          Map.entry(
              "ROUTE-RECENT-CHANGE",
              List.of(
                  "route-replaced-to-nat-in-other-az-this-morning.json",
                  "private-subnets-each-behind-own-nat.json")),
          Map.entry(
              "SERVICE-EVENT-ERRORS",
              List.of(
                  "service-events-role-trust-and-recovered-unhealthy-targets.json",
                  "healthy-two-az-service.json")),
          Map.entry(
              "SUBNET-IPS",
              List.of(
                  "subnet-a-cannot-hold-the-deployment-surge.json", "healthy-two-az-service.json")),
          Map.entry(
              "TASK-ROLE-TRUST",
              List.of(
                  "task-role-source-account-of-another-account.json",
                  "healthy-two-az-service.json")),
          Map.entry(
              "TASK-STOP-REASONS",
              List.of(
                  "stopped-tasks-mixed-causes.json", "stopped-tasks-by-deployment-and-user.json")));

  static List<Check> checks() {
    return CheckRegistry.all();
  }

  @Test
  void idsAreUniqueAndTheRegistryIsSortedById() {
    List<String> ids = CheckRegistry.all().stream().map(c -> c.info().id()).toList();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).isSorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void everyCheckIsAFinalClassWithCompleteMetadataAndDocumentation(Check check) {
    CheckInfo info = check.info();
    assertThat(Modifier.isFinal(check.getClass().getModifiers())).as("final class").isTrue();
    assertThat(info.id()).matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    assertThat(info.title()).isNotBlank();
    assertThat(info.needs()).isNotEmpty();
    String doc =
        CheckRegistry.documentation(info.id())
            .orElseThrow(() -> new AssertionError("no checks/" + info.id() + ".md"));
    assertThat(doc)
        .startsWith("# " + info.id() + " — ")
        .contains(
            "**What it detects.**",
            "**Why it matters.**",
            "**How it decides.**",
            "**How to fix.**");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void everyCheckHasAFixtureThatFiresItAndOneThatKeepsItQuiet(Check check) {
    List<String> fixtures = FIRE_AND_QUIET.get(check.info().id());
    assertThat(fixtures).as("fixtures for " + check.info().id()).isNotNull();
    assertThat(CheckRunner.problems(check, fixtures.get(0)))
        .as("fires on " + fixtures.get(0))
        .anyMatch(f -> f.status() == Status.FAIL || f.status() == Status.WARN);
    assertThat(CheckRunner.problems(check, fixtures.get(1)))
        .as("quiet on " + fixtures.get(1))
        .isEmpty();
  }

  @Test
  void noRemediationCommandCarriesAPlaceholder() throws IOException {
    Set<String> fixtures = new HashSet<>();
    try (var files = Files.list(Path.of("src/test/resources/fixtures"))) {
      files.forEach(p -> fixtures.add(p.getFileName().toString()));
    }
    for (String fixture : fixtures) {
      for (Check check : CheckRegistry.all()) {
        for (Finding f : CheckRunner.run(check, fixture)) {
          for (String command : f.remediation().commands()) {
            assertThat(command)
                .as(fixture + " " + f.checkId())
                .matches("^([A-Z_]+=\\$\\()?aws .*")
                .doesNotContain("null")
                .doesNotContainPattern("<[A-Za-z_ -]+>")
                .doesNotContain("TODO")
                .doesNotContain("{{");
          }
        }
      }
    }
  }

  @Test
  void theGeneratedCatalogueInDocsIsCurrent() throws IOException {
    Path doc = Path.of("..", "docs", "checks.md");
    assertThat(doc)
        .as("docs/checks.md: run `bin/fargate-doctor checks --markdown > docs/checks.md`")
        .exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/checks.md is stale: run `bin/fargate-doctor checks --markdown > docs/checks.md`")
        .isEqualTo(CatalogueMarkdown.render());
  }
}
