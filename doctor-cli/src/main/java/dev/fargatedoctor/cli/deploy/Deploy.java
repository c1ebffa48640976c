package dev.fargatedoctor.cli.deploy;

import dev.fargatedoctor.cli.alarms.Alarms;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;

/** Entry point of deploy: the stack for one region of a snapshot, in the chosen format. */
public final class Deploy {
  public enum Format {
    cloudformation,
    terraform
  }

  private Deploy() {}

  public static String render(
      DeployPlan plan, Snapshot snapshot, RegionSnapshot region, Format format) {
    return switch (format) {
      case cloudformation ->
          CloudFormationDeploy.render(plan, Alarms.cloudFormation(snapshot, region));
      case terraform ->
          TerraformDeploy.render(plan, Alarms.render(snapshot, region, Alarms.Format.terraform));
    };
  }
}
