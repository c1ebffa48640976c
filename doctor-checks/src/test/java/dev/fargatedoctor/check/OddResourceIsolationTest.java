package dev.fargatedoctor.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check, over every fixture, with resources AWS could plausibly return half-filled added: the
 * findings about the other resources stay as they were, and no check gives up on a whole region
 * because of one resource.
 */
class OddResourceIsolationTest {

  static Stream<String> fixtures() throws IOException {
    Path root = Path.of("src", "test", "resources", "fixtures");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void oneOddResourceNeverHidesTheFindingsAboutTheOthers(String fixture) {
    Snapshot plain = Fixtures.snapshot(fixture);
    Snapshot odd = Fixtures.edited(fixture, tree -> addOddResources(Fixtures.region(tree)));

    SoftAssertions soft = new SoftAssertions();
    for (Check check : CheckRegistry.all()) {
      List<Finding> before = CheckRunner.run(check, plain);
      List<Finding> after = CheckRunner.run(check, odd);

      soft.assertThat(
              after.stream()
                  .filter(f -> f.evidence().containsKey("error"))
                  .filter(f -> f.resource().type().equals("region"))
                  .map(f -> f.title() + " at " + f.evidence().get("at")))
          .as("%s gave up on the region", check.info().id())
          .isEmpty();
      List<String> kept = after.stream().map(OddResourceIsolationTest::identity).toList();
      soft.assertThat(
              before.stream()
                  .filter(f -> !f.resource().type().equals("region"))
                  .map(OddResourceIsolationTest::identity)
                  .filter(id -> !kept.contains(id)))
          .as("%s lost findings", check.info().id())
          .isEmpty();
    }
    soft.assertAll();
  }

  private static String identity(Finding f) {
    return f.checkId() + " " + f.resource().type() + " " + f.resource().id() + " " + f.status();
  }

  // Only the identifying field of each kind: everything else AWS may leave out.
  private static void addOddResources(ObjectNode region) {
    ((com.fasterxml.jackson.databind.node.ArrayNode) region.with("ecs").withArray("services"))
        .addObject()
        .put("serviceArn", "arn:aws:ecs:us-east-1:123456789012:service/odd/odd");
    // A service with a name, and half of everything else.
    ObjectNode half =
        ((com.fasterxml.jackson.databind.node.ArrayNode) region.with("ecs").withArray("services"))
            .addObject();
    half.put("serviceName", "half")
        .put("clusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/half")
        .put("desiredCount", 2)
        .put("taskDefinition", "arn:aws:ecs:us-east-1:123456789012:task-definition/half:1");
    half.withArray("deployments").addObject().put("status", "PRIMARY");
    half.withArray("loadBalancers").addObject();
    half.withArray("events")
        .addObject()
        .put("message", "(service half) was unable to place a task");
    half.with("networkConfiguration")
        .with("awsvpcConfiguration")
        .withArray("subnets")
        .add("subnet-nowhere");
    ObjectNode td = region.with("ecs").withArray("taskDefinitions").addObject();
    td.put("taskDefinitionArn", "arn:aws:ecs:us-east-1:123456789012:task-definition/half:1");
    td.withArray("containerDefinitions").addObject().withArray("environment").addObject();
    region.with("ecs").withArray("taskDefinitions").addObject().put("family", "odd");
    region
        .with("ecs")
        .withArray("tasks")
        .addObject()
        .put("group", "service:half")
        .put("lastStatus", "STOPPED")
        .put("desiredStatus", "STOPPED")
        .withArray("containers")
        .addObject();
    region.with("ecs").withArray("tasks").addObject().put("lastStatus", "STOPPED");
    region.with("ec2").withArray("networkInterfaces").addObject().put("status", "in-use");
    region.with("ec2").withArray("routeTables").addObject().put("vpcId", "vpc-odd");
    region.with("elb").withArray("loadBalancers").addObject().put("type", "application");
  }
}
