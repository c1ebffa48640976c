package dev.fargatedoctor.check.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossAzNatRouteTest {
  private final CrossAzNatRoute check = new CrossAzNatRoute();

  @Test
  void subnetRoutedToAnotherAzsNatFailsAndTheFixNamesItsOwnAzsNat() {
    List<Finding> problems =
        CheckRunner.problems(check, "ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json");

    assertThat(problems)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.resource().id()).isEqualTo("subnet-private-a");
              assertThat(f.title()).contains("us-east-1a").contains("nat-b").contains("us-east-1b");
              assertThat(f.evidence()).containsEntry("NAT gateway in the subnet's AZ", "nat-a");
              assertThat(f.remediation().commands())
                  .containsExactly(
                      "aws ec2 replace-route --route-table-id rtb-private-a "
                          + "--destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-a --region us-east-1");
            });
  }

  @Test
  void theOtherSubnetOfTheSameServicePasses() {
    assertThat(CheckRunner.run(check, "ROUTE-CROSS-AZ-NAT/fires-subnet-a-routes-to-nat-in-b.json"))
        .filteredOn(f -> f.resource().id().equals("subnet-private-b"))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void eachAzRoutedToItsOwnNatIsQuiet() {
    assertThat(CheckRunner.problems(check, "healthy-two-az-service.json")).isEmpty();
    assertThat(CheckRunner.run(check, "healthy-two-az-service.json"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.PASS));
  }

  @Test
  void aRouteTableSharedAcrossAzsGetsATableOfItsOwnInsteadOfAReplacedRoute() {
    List<Finding> problems =
        CheckRunner.problems(
            check, "ROUTE-CROSS-AZ-NAT/fires-one-route-table-for-both-azs-to-nat-a.json");

    assertThat(problems)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource().id()).isEqualTo("subnet-private-b");
              assertThat(f.remediation().text()).contains("also routes subnets in other AZs");
              assertThat(f.remediation().commands()).noneMatch(c -> c.contains("replace-route "));
              assertThat(f.remediation().commands())
                  .anySatisfy(c -> assertThat(c).startsWith("RTB=$(aws ec2 create-route-table"))
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .contains("create-route --route-table-id \"$RTB\"")
                              .contains("nat-b"))
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .contains(
                                  "replace-route-table-association --association-id rtbassoc-pb"));
            });
  }

  @Test
  void withoutANatGatewayInTheAzTheFixCreatesOneInThatAzsPublicSubnet() {
    List<Finding> problems =
        CheckRunner.problems(check, "ROUTE-CROSS-AZ-NAT/fires-no-nat-gateway-in-az-b.json");

    assertThat(problems)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.resource().id()).isEqualTo("subnet-private-b");
              assertThat(f.remediation().commands())
                  .anySatisfy(
                      c -> assertThat(c).contains("create-nat-gateway --subnet-id subnet-public-b"))
                  .anySatisfy(
                      c ->
                          assertThat(c)
                              .contains("replace-route --route-table-id rtb-private-b")
                              .contains("--nat-gateway-id \"$NAT\""));
            });
  }
}
