package dev.fargatedoctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.metrics.MetricSeries;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a snapshot holds, counted per region: enough to see what a scan will work on, and a
 * load-only path (reading is the whole cost) that the big-account benchmark measures a scan
 * against.
 */
final class SnapshotStats {
  private SnapshotStats() {}

  /** The counts of one region, in the order they are printed. */
  static Map<String, Long> counts(RegionSnapshot r) {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("vpcs", (long) r.ec2().vpcs().size());
    c.put("subnets", (long) r.ec2().subnets().size());
    c.put("routeTables", (long) r.ec2().routeTables().size());
    c.put("natGateways", (long) r.ec2().natGateways().size());
    c.put("vpcEndpoints", (long) r.ec2().vpcEndpoints().size());
    c.put("networkAcls", (long) r.ec2().networkAcls().size());
    c.put("securityGroups", (long) r.ec2().securityGroups().size());
    c.put("networkInterfaces", (long) r.ec2().networkInterfaces().size());
    c.put("clusters", (long) r.ecs().clusters().size());
    c.put("services", (long) r.ecs().services().size());
    c.put("taskDefinitions", (long) r.ecs().taskDefinitions().size());
    c.put("tasks", (long) r.ecs().tasks().size());
    c.put("loadBalancers", (long) r.elb().loadBalancers().size());
    c.put("targetGroups", (long) r.elb().targetGroups().size());
    c.put("metricSeries", (long) r.metrics().size());
    c.put("metricPoints", r.metrics().stream().mapToLong(MetricSeries::size).sum());
    c.put("cloudTrailEvents", (long) r.cloudTrail().size());
    c.put("quotas", (long) r.quotas().size());
    return c;
  }

  static String text(Snapshot s) {
    StringBuilder sb = new StringBuilder();
    Capture c = s.capture();
    sb.append(
            c == null
                ? "snapshot"
                : SafeText.plain(c.source())
                    + " snapshot of account "
                    + (c.accountId() == null ? "(unknown)" : SafeText.plain(c.accountId()))
                    + ", captured "
                    + Timestamps.iso(c.capturedAt()))
        .append('\n');
    for (RegionSnapshot r : s.regions()) {
      sb.append('\n').append(SafeText.plain(r.region())).append('\n');
      counts(r).forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-20s %,12d%n", k, v)));
    }
    sb.append('\n')
        .append(String.format(Locale.ROOT, "%-22s %,12d%n", "IAM roles", s.iam().roles().size()))
        .append(
            String.format(
                Locale.ROOT, "%-22s %,12d%n", "IAM roles missing", s.iam().missingRoles().size()))
        .append(String.format(Locale.ROOT, "%-22s %,12d%n", "coverage steps", s.coverage().size()))
        .append(String.format(Locale.ROOT, "%-22s %,12d%n", "coverage gaps", gaps(s)));
    return sb.toString();
  }

  static String json(Snapshot s) throws IOException {
    var m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", "fargate-doctor/snapshot-stats/v1");
    root.set("capture", m.valueToTree(s.capture()));
    var regions = root.putArray("regions");
    for (RegionSnapshot r : s.regions()) {
      ObjectNode n = regions.addObject();
      n.put("region", r.region());
      counts(r).forEach(n::put);
    }
    ObjectNode iam = root.putObject("iam");
    iam.put("roles", s.iam().roles().size());
    iam.put("missingRoles", s.iam().missingRoles().size());
    ObjectNode coverage = root.putObject("coverage");
    coverage.put("steps", s.coverage().size());
    coverage.put("gaps", gaps(s));
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
  }

  private static long gaps(Snapshot s) {
    List<Coverage> coverage = s.coverage();
    return coverage.stream().filter(x -> !x.collected()).count();
  }
}
