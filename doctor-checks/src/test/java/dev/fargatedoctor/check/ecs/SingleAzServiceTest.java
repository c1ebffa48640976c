package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SingleAzServiceTest {
  private final SingleAzService check = new SingleAzService();

  private static final String ONE_AZ =
      "SERVICE-SINGLE-AZ/fires-two-tasks-in-one-private-subnet.json";

  @Test
  void twoTasksInOnePrivateSubnetFailAndTheFixAddsThePrivateSubnetOfTheOtherAz() {
    assertThat(CheckRunner.run(check, ONE_AZ))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.title()).contains("api: all 2 tasks can only run in us-east-1a");
              // subnet-public-b is in the other AZ too, but routed to the internet gateway.
              assertThat(f.remediation().commands())
                  .singleElement()
                  .asString()
                  .contains("--service api")
                  .contains(
                      "awsvpcConfiguration={subnets=[subnet-private-a,subnet-private-b],"
                          + "securityGroups=[sg-api],assignPublicIp=DISABLED}");
            });
  }

  @Test
  void theFixAppliedClearsTheFinding() {
    assertThat(
            CheckRunner.run(
                check,
                Fixtures.edited(
                    ONE_AZ,
                    tree -> {
                      ((ArrayNode)
                              Fixtures.region(tree)
                                  .at(
                                      "/ecs/services/0/networkConfiguration/awsvpcConfiguration/subnets"))
                          .add("subnet-private-b");
                    })))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASS);
              assertThat(f.title()).contains("spread over 2 Availability Zones");
            });
  }

  @Test
  void withoutASubnetRoutedTheSameWayInAnotherAzTheFixSaysToCreateOne() {
    Finding f =
        CheckRunner.run(
                check,
                Fixtures.edited(
                    ONE_AZ,
                    tree -> {
                      // The other AZ's private subnet loses its NAT route: nothing is routed alike.
                      for (var t : Fixtures.region(tree).get("ec2").get("routeTables")) {
                        if (t.get("RouteTableId").asText().equals("rtb-private-b")) {
                          ((ArrayNode) t.get("Routes")).remove(1);
                        }
                      }
                    }))
            .get(0);

    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.remediation().commands()).isEmpty();
    assertThat(f.remediation().text()).contains("Create a subnet in another Availability Zone");
  }

  @Test
  void aServiceOfOneTaskIsNotJudged() {
    assertThat(
            CheckRunner.run(
                check,
                Fixtures.edited(
                    ONE_AZ,
                    tree ->
                        ((ObjectNode) Fixtures.region(tree).at("/ecs/services/0"))
                            .put("desiredCount", 1))))
        .isEmpty();
  }
}
