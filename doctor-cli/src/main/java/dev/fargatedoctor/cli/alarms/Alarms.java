package dev.fargatedoctor.cli.alarms;

import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;

/** Entry point of the alarm generator: one region of a snapshot, in the chosen format. */
public final class Alarms {
  public enum Format {
    cloudformation,
    terraform
  }

  private Alarms() {}

  /** The CloudFormation template as a tree: its Parameters, Conditions and Resources. */
  public static com.fasterxml.jackson.databind.node.ObjectNode cloudFormation(
      Snapshot snapshot, RegionSnapshot region) {
    return CloudFormationAlarms.template(
        new AlarmSet(AlarmPlan.of(snapshot, region), Thresholds.DEFAULTS));
  }

  public static String render(Snapshot snapshot, RegionSnapshot region, Format format) {
    return render(snapshot, region, format, Thresholds.DEFAULTS);
  }

  /** With the team's thresholds: the ENI alarms fire where its scans warn and go critical. */
  public static String render(
      Snapshot snapshot, RegionSnapshot region, Format format, Thresholds thresholds) {
    AlarmSet set = new AlarmSet(AlarmPlan.of(snapshot, region), thresholds);
    return switch (format) {
      case cloudformation -> CloudFormationAlarms.render(set);
      case terraform -> TerraformAlarms.render(set);
    };
  }
}
