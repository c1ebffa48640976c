package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import org.junit.jupiter.api.Test;

class EniSurgeHeadroomTest {
  private final EniSurgeHeadroom check = new EniSurgeHeadroom();

  @Test
  void aSurgeLargerThanTheHeadroomFailsNamingTheService() {
    // 12 of 20 interfaces in use; batch (10 desired, 200 %) would add 10.
    assertThat(CheckRunner.run(check, "ENI-SURGE/fires-eni-surge-exceeds-headroom.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.title())
                  .isEqualTo(
                      "deployments need 10 more network interfaces, only 8 left under the quota: "
                          + "even production/batch alone (+10) does not fit");
              assertThat(f.evidence())
                  .containsEntry("headroom", 8L)
                  .containsEntry("network interfaces in use", 12);
              assertThat(f.evidence().get("biggest surges").toString())
                  .contains("production/batch: +10 (10 desired, peak 20 at 200 %)");
              assertThat(f.remediation().commands())
                  .singleElement()
                  .asString()
                  .contains(
                      "request-service-quota-increase --service-code vpc --quota-code L-DF5E4CA3 --desired-value 120");
            });
  }

  @Test
  void aSurgeThatFitsPasses() {
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).contains("add 2 interfaces; 5000 left");
            });
  }

  @Test
  void servicesDeployingAtOneHundredPercentAddNothing() {
    var snapshot =
        Fixtures.edited(
            "ENI-SURGE/fires-eni-surge-exceeds-headroom.json",
            t ->
                ((ObjectNode)
                        Fixtures.region(t)
                            .get("ecs")
                            .get("services")
                            .get(0)
                            .get("deploymentConfiguration"))
                    .put("maximumPercent", 100)
                    .put("minimumHealthyPercent", 50));

    assertThat(CheckRunner.run(check, snapshot))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).startsWith("no service adds interfaces");
            });
  }

  @Test
  void anUnreadableQuotaIsUnknown() {
    assertThat(CheckRunner.run(check, "eni-quota-not-readable.json"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.UNKNOWN));
  }
}
