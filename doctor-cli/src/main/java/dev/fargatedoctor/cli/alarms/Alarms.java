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

  public static String render(Snapshot snapshot, RegionSnapshot region, Format format) {
    AlarmSet set = new AlarmSet(AlarmPlan.of(snapshot, region));
    return switch (format) {
      case cloudformation -> CloudFormationAlarms.render(set);
      case terraform -> TerraformAlarms.render(set);
    };
  }
}
