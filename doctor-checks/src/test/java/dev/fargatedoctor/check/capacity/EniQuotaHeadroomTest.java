package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EniQuotaHeadroomTest {
  private final EniQuotaHeadroom check = new EniQuotaHeadroom();

  @Test
  void ninetyPercentOfTheQuotaIsCriticalWithABreakdownByConsumer() {
    List<Finding> findings =
        CheckRunner.run(check, "ENI-QUOTA/fires-eni-9-of-quota-10-mixed-consumers.json");

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(f.title()).contains("9 of 10 network interfaces in use (90 %)");
              assertThat(f.evidence())
                  .containsEntry("network interfaces", 9)
                  .containsEntry("headroom", 1L);
              @SuppressWarnings("unchecked")
              Map<String, Integer> byConsumer =
                  (Map<String, Integer>) f.evidence().get("by consumer");
              // eni-task3 has no ECS description: it is recognised through the task's attachment.
              assertThat(byConsumer)
                  .containsEntry("ECS task (Fargate/awsvpc)", 3)
                  .containsEntry("Lambda", 1)
                  .containsEntry("load balancer", 1)
                  .containsEntry("NAT gateway", 1)
                  .containsEntry("RDS", 1)
                  .containsEntry("VPC endpoint", 1)
                  .containsEntry("other", 1);
              assertThat(f.evidence()).containsEntry("not attached (status available)", 1L);
              assertThat(f.remediation().commands())
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .contains(
                                  "request-service-quota-increase --service-code vpc --quota-code L-DF5E4CA3 --desired-value 20"));
            });
  }

  @Test
  void eightyPercentWarnsAtMediumSeverity() {
    assertThat(CheckRunner.run(check, "ENI-QUOTA/fires-eni-8-of-quota-10.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.WARN);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            });
  }

  @Test
  void lowUsagePasses() {
    assertThat(CheckRunner.run(check, "ENI-QUOTA/quiet-eni-3-of-quota-10.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void theOwnerOfASharedVpcCountsOnlyItsOwnInterfacesAgainstItsQuota() {
    // 3 of its own and 9 of a participant in its shared subnet: the participant's count against
    // the participant's quota (AWS VPC sharing), so 3 of 10 here, not 12.
    assertThat(
            CheckRunner.run(
                check, "ENI-QUOTA/quiet-owner-of-a-shared-vpc-sees-9-participant-interfaces.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.evidence())
                  .containsEntry("network interfaces", 3)
                  .containsEntry("interfaces of other accounts in its shared subnets", 9);
            });
  }

  @Test
  void anUnreadableQuotaIsUnknownNotPass() {
    assertThat(CheckRunner.run(check, "eni-quota-not-readable.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title()).contains("servicequotas:GetServiceQuota");
              assertThat(f.evidence().get("quota").toString()).contains("5000 assumed");
            });
  }

  @Test
  void deniedDescribeNetworkInterfacesIsUnknownNamingTheAction() {
    Snapshot s = Fixtures.snapshot("ENI-QUOTA/quiet-eni-3-of-quota-10.json");
    Snapshot denied =
        new Snapshot(
            s.schema(),
            s.capture(),
            s.regions(),
            s.iam(),
            List.of(
                new Coverage(
                    "us-east-1",
                    "ec2:DescribeNetworkInterfaces",
                    Coverage.Outcome.DENIED,
                    null,
                    "UnauthorizedOperation",
                    1,
                    0)));

    assertThat(CheckRunner.run(check, denied))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.UNKNOWN);
              assertThat(f.title()).contains("ec2:DescribeNetworkInterfaces").contains("denied");
            });
  }
}
