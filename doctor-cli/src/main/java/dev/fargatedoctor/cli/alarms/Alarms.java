package dev.fargatedoctor.cli.alarms;

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
    return CloudFormationAlarms.template(new AlarmSet(AlarmPlan.of(snapshot, region)));
  }

  public static String render(Snapshot snapshot, RegionSnapshot region, Format format) {
    AlarmSet set = new AlarmSet(AlarmPlan.of(snapshot, region));
    return switch (format) {
      case cloudformation -> CloudFormationAlarms.render(set);
      case terraform -> TerraformAlarms.render(set);
    };
  }
}
