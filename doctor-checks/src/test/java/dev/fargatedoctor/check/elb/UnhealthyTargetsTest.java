package dev.fargatedoctor.check.elb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnhealthyTargetsTest {
  private static final String FIXTURE = "alb-unhealthy-targets-and-5xx-in-one-az.json";
  private final UnhealthyTargets check = new UnhealthyTargets();

  private Finding of(String fixture, String targetGroup) {
    return CheckRunner.run(check, fixture).stream()
        .filter(f -> f.resource().id().equals(targetGroup))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void unhealthyTargetsCarryElbsReasonAndTheHealthCheckTheyFail() {
    Finding f = of(FIXTURE, "api-tg");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title())
        .isEqualTo(
            "api: 2 of 3 targets unhealthy in api-tg: Target.ResponseCodeMismatch (Health "
                + "checks failed with these codes: [502])");
    assertThat((List<String>) f.evidence().get("unhealthy targets"))
        .first()
        .isEqualTo(
            "10.0.1.17:8080 (us-east-1a): "
                + "Target.ResponseCodeMismatch — Health checks failed with these codes: [502]");
    assertThat(f.evidence())
        .containsEntry(
            "health check",
            "HTTP /health port traffic-port, success codes 200, every "
                + "30 s, timeout 5 s, unhealthy after 2")
        .containsEntry("grace period", "0 s");
    assertThat(f.remediation().text()).contains("matcher");
    assertThat(f.remediation().commands())
        .containsExactly(
            "aws elbv2 describe-target-health --target-group-arn "
                + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-tg/6d0ecf831eec9f09 --region us-east-1");
  }

  @Test
  void healthyTargetsThatKeepBeingReportedUnhealthyAreFlapping() {
    Finding f = of(FIXTURE, "orders-tg");
    assertThat(f.status()).isEqualTo(Status.WARN);
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.title()).contains("reported unhealthy 4 times in 3 h (flapping)");
  }

  @Test
  void aTargetGroupThatNoLongerExistsFails() {
    assertThat(of(FIXTURE, "ghost-tg").title())
        .isEqualTo("ghost: target group ghost-tg does not exist");
  }

  @Test
  void healthyTargetsPass() {
    assertThat(CheckRunner.problems(check, "alb-healthy-targets-and-even-azs.json")).isEmpty();
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json")).isEmpty();
  }
}
