package dev.fargatedoctor.cli.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.testing.Fixtures;

/** The edits that make a fixture the "after" of a cycle (apply with Fixtures.edited). */
final class Edits {
  private Edits() {}

  static ObjectNode ec2(ObjectNode tree) {
    return (ObjectNode) Fixtures.region(tree).get("ec2");
  }

  /** subnet-private-a's default route moved from nat-a to nat-b: the write-up's rogue change. */
  static void rogueRoute(ObjectNode tree) {
    ArrayNode tables = (ArrayNode) ec2(tree).get("routeTables");
    for (var t : tables) {
      if (t.get("RouteTableId").asText().equals("rtb-private-a")) {
        ((ObjectNode) t.get("Routes").get(1)).put("NatGatewayId", "nat-b");
      }
    }
  }

  /** api-execution now trusts EC2 instead of ECS tasks. */
  static void trustEc2(ObjectNode tree) {
    for (var role : tree.get("iam").get("roles")) {
      if (role.get("RoleName").asText().equals("api-execution")) {
        ((ObjectNode) role.get("AssumeRolePolicyDocument").get("Statement").get(0).get("Principal"))
            .put("Service", "ec2.amazonaws.com");
      }
    }
  }
}
