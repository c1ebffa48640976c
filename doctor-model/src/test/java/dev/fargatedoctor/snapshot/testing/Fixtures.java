package dev.fargatedoctor.snapshot.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads fixture snapshots from the test classpath ({@code /fixtures/NAME}). A fixture that lists no
 * coverage is taken as fully collected, so fixtures stay small and name only the situation; a
 * fixture about missing permissions lists its coverage explicitly. A fixture that is only {@code
 * {"sameAs": "../other.json"}} is that other fixture: a situation several checks share is written
 * once, and each check's fixture directory still names it.
 */
public final class Fixtures {
  /** Every action the checks read, as a collector would record them for a complete scan. */
  public static final List<String> ALL_ACTIONS =
      List.of(
          "ec2:DescribeVpcs",
          "ec2:DescribeSubnets",
          "ec2:DescribeRouteTables",
          "ec2:DescribeNatGateways",
          "ec2:DescribeInternetGateways",
          "ec2:DescribeVpcEndpoints",
          "ec2:DescribeNetworkAcls",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeFlowLogs",
          "ec2:DescribePrefixLists",
          "cloudtrail:LookupEvents",
          "ecs:ListClusters",
          "ecs:DescribeClusters",
          "ecs:ListServices",
          "ecs:DescribeServices",
          "ecs:DescribeTaskDefinition",
          "ecs:ListTasks",
          "ecs:DescribeTasks",
          "iam:GetRole",
          "servicequotas:GetServiceQuota",
          "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetHealth",
          "cloudwatch:GetMetricData");

  private Fixtures() {}

  public static Snapshot snapshot(String name) {
    return edited(name, tree -> {});
  }

  /**
   * A fixture with some facts changed, so a variation of a situation needs no second copy of it.
   */
  public static Snapshot edited(String name, Consumer<ObjectNode> edit) {
    try {
      ObjectNode tree = tree(name);
      edit.accept(tree);
      Snapshot s = SnapshotJson.mapper().treeToValue(tree, Snapshot.class);
      return s.coverage().isEmpty() ? withFullCoverage(s) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON tree of a fixture, references followed. */
  public static ObjectNode tree(String name) throws IOException {
    String path = URI.create("/fixtures/").resolve(name).normalize().getPath();
    for (int hops = 0; hops < 8; hops++) {
      try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
        if (in == null) throw new IllegalArgumentException("no fixture " + path);
        ObjectNode tree = (ObjectNode) SnapshotJson.mapper().readTree(in);
        if (tree.size() != 1 || !tree.has("sameAs")) return tree;
        path = URI.create(path).resolve(tree.get("sameAs").asText()).normalize().getPath();
      }
    }
    throw new IllegalArgumentException("fixture " + name + ": too many sameAs references");
  }

  /** The first region's object of a fixture's tree, where fixtures keep everything. */
  public static ObjectNode region(ObjectNode tree) {
    return (ObjectNode) tree.get("regions").get(0);
  }

  public static Snapshot withFullCoverage(Snapshot s) {
    List<Coverage> coverage = new ArrayList<>();
    for (var region : s.regions()) {
      for (String action : ALL_ACTIONS) {
        boolean global = action.startsWith("iam:");
        if (global && region != s.regions().get(0)) continue;
        coverage.add(Coverage.ok(global ? Coverage.GLOBAL : region.region(), action, null, 1, 0));
      }
      // Flow records are read only when asked: a fixture that carries them was asked.
      if (region.flows() != null) {
        coverage.add(Coverage.ok(region.region(), "local:ReadFlowLogFile", null, 1, 0));
      }
    }
    return new Snapshot(s.schema(), s.capture(), s.regions(), s.iam(), coverage);
  }
}
