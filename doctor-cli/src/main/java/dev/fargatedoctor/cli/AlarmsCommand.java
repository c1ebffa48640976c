package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.cli.alarms.Alarms;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "alarms",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate CloudWatch alarms and EventBridge rules for the scanned region, as CloudFormation or "
          + "Terraform: network interfaces at 80 %% and 90 %% of the actual quota (from watch's metric), memory per "
          + "service by metric math (MemoryUtilized / MemoryReserved), running below desired for 10 minutes, failed "
          + "deployments and service action errors, route / network ACL / NAT gateway changes and trust-policy changes "
          + "of the task roles (CloudTrail). Everything notifies an SNS topic given as a parameter.",
      "",
      "With --org or --accounts: one template per account and Region under the --out directory.",
      "",
      "Example: fargate-doctor alarms --region us-east-1 --format terraform --out alarms.tf"
    })
final class AlarmsCommand implements Callable<Integer> {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      required = true,
      description = "cloudformation (a JSON template) or terraform (HCL for the AWS provider).")
  Alarms.Format format;

  @Mixin SourceOptions source;
  @Mixin OrgOptions accounts;
  @Mixin ConfigOptions config;
  @Mixin AllowIncomplete incomplete;

  @Option(
      names = "--out",
      paramLabel = "FILE|DIR",
      description =
          "Write to FILE (written whole or not at all). With --org or --accounts, a directory:"
              + " one template per account and Region, DIR/ACCOUNT/REGION/alarms.json (or .tf),"
              + " each a stack or a Terraform root module of its own.")
  Path out;

  @Spec CommandSpec spec;

  private final Context context;

  AlarmsCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Configuration configuration = config.load();
    accounts.check();
    if (accounts.any()) return perAccount(configuration);
    OutputFile.check(out, "--out");
    source.enter(accounts.account, context);
    Snapshot snapshot = source.load(context, configuration);
    RegionSnapshot region = region(snapshot);
    String text = Alarms.render(snapshot, region, format, configuration.thresholds());
    TextOut.write(text, out, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  // Alarms are regional: one region per output. With a saved snapshot, --region picks one of its
  // regions.
  private RegionSnapshot region(Snapshot snapshot) {
    if (!source.regions.isEmpty()) {
      if (source.regions.size() > 1)
        throw new IllegalArgumentException("alarms are per region: give one --region");
      return snapshot
          .region(source.regions.get(0))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "the snapshot has no region " + source.regions.get(0)));
    }
    if (snapshot.regions().size() != 1) {
      throw new IllegalArgumentException(
          "alarms are per region and the snapshot has "
              + snapshot.regions().size()
              + ": give one --region");
    }
    return snapshot.regions().get(0);
  }

  /**
   * Alarms are per account and Region (the ENI alarm's threshold is that account's quota), so an
   * organisation gets one template for each, in a directory; an account that could not be read gets
   * none, and the run says so.
   */
  private int perAccount(Configuration configuration) {
    if (!source.isLive()) {
      throw new IllegalArgumentException(
          "--snapshot, --aws-cli-dir and --demo read one account: with several, use"
              + " --snapshot-dir");
    }
    if (out == null || java.nio.file.Files.isRegularFile(out)) {
      throw new IllegalArgumentException(
          "with --org or --accounts, --out names a directory: one template per account and Region"
              + " goes under it");
    }
    String file = format == Alarms.Format.terraform ? "alarms.tf" : "alarms.json";
    var printed = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    java.util.List<String> unread = new java.util.ArrayList<>();
    new OrgScan(configuration, context.clock())
        .each(
            source,
            accounts,
            context,
            (account, snapshot, gaps) -> {
              // a Region not enabled there gets no alarms and needs none; anything else unread does
              gaps.forEach(
                  g ->
                      err.println(
                          "fargate-doctor: no alarms for account "
                              + account.id()
                              + (Coverage.GLOBAL.equals(g.region()) ? "" : " in " + g.region())
                              + ": "
                              + dev.fargatedoctor.snapshot.SafeText.plain(g.message())));
              if (snapshot == null) {
                if (gaps.stream().anyMatch(g -> !"account:EnableRegion".equals(g.action()))) {
                  unread.add(account.id());
                }
                return;
              }
              for (RegionSnapshot region : snapshot.regions()) {
                Path target = out.resolve(account.id()).resolve(region.region()).resolve(file);
                String text = Alarms.render(snapshot, region, format, configuration.thresholds());
                OutputFile.write(
                    target,
                    "--out",
                    o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                printed.println(target);
              }
            });
    printed.flush();
    err.flush();
    return incomplete.whenClean(!unread.isEmpty());
  }
}
