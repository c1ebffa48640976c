package dev.fargatedoctor.cli;

import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.SafeText;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.snapshot.diff.Change;
import dev.fargatedoctor.snapshot.diff.SnapshotDiff;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Save snapshots for offline use, compare two of them, and count what one holds.",
    subcommands = {
      SnapshotCommand.Save.class,
      SnapshotCommand.Diff.class,
      SnapshotCommand.Stats.class
    })
final class SnapshotCommand {

  /** What the commands that read snapshots and print about them (diff, stats) share. */
  static final class ReadOptions {
    @picocli.CommandLine.Option(
        names = "--max-input-mb",
        paramLabel = "MB",
        description =
            "Refuse a snapshot larger than MB once decompressed (default: ${DEFAULT-VALUE}).")
    long maxInputMb = InputLimit.DEFAULT_MEGABYTES;

    @picocli.CommandLine.Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        description = "text or json (default: text).")
    String format = "text";

    @Mixin RenderOptions render;

    /** Checks the options before anything is read; true for JSON (-o JSON too), false for text. */
    boolean json() {
      String f = format.toLowerCase(java.util.Locale.ROOT);
      if (!f.equals("text") && !f.equals("json")) {
        throw new IllegalArgumentException("--output is text or json, not '" + format + "'");
      }
      render.check();
      return f.equals("json");
    }

    Snapshot snapshot(Path file) {
      return SnapshotFiles.read(file, InputLimit.ofMegabytes(maxInputMb));
    }
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "What changed between two snapshots of the same account, grouped by resource: routes, "
            + "network ACL entries, security-group rules, trust policies, NAT gateways, services and quotas."
      })
  static final class Diff implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "BEFORE",
        description = "The earlier snapshot (- for standard input).")
    Path before;

    @Parameters(
        index = "1",
        paramLabel = "AFTER",
        description = "The later snapshot (- for standard input).")
    Path after;

    @Mixin ReadOptions read;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      boolean json = read.json();
      Snapshot a = read.snapshot(before);
      Snapshot b = read.snapshot(after);
      List<Change> changes = SnapshotDiff.between(a, b);
      read.render.write(
          json ? json(a, b, changes) : text(a, b, changes), spec.commandLine().getOut());
      return changes.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
      GROUPS.put("route", "routes");
      GROUPS.put("route-association", "route-table associations");
      GROUPS.put("nacl-entry", "network ACL entries");
      GROUPS.put("security-group-rule", "security-group rules");
      GROUPS.put("trust-policy", "trust policies");
      GROUPS.put("nat-gateway", "NAT gateways");
      GROUPS.put("service", "services");
      GROUPS.put("quota", "quotas");
      GROUPS.put("region", "regions");
    }

    private String text(Snapshot a, Snapshot b, List<Change> changes) {
      StringBuilder sb = new StringBuilder();
      sb.append("Changes from ")
          .append(describe(a))
          .append(" to ")
          .append(describe(b))
          .append(": ")
          .append(changes.isEmpty() ? "none" : changes.size())
          .append('\n');
      for (Map.Entry<String, String> group : GROUPS.entrySet()) {
        List<Change> inGroup =
            changes.stream().filter(c -> c.kind().equals(group.getKey())).toList();
        if (inGroup.isEmpty()) continue;
        sb.append('\n').append(group.getValue()).append(" (").append(inGroup.size()).append(")\n");
        for (Change c : inGroup) {
          // resource names, rules and trust policies come from the account: shown escaped
          sb.append("  ")
              .append(SafeText.plain(c.region()))
              .append(' ')
              .append(SafeText.plain(c.resource()))
              .append(' ')
              .append(c.change())
              .append(": ")
              .append(c.before() == null ? "" : SafeText.plain(c.before()))
              .append(c.before() != null && c.after() != null ? " -> " : "")
              .append(c.after() == null ? "" : SafeText.plain(c.after()))
              .append('\n');
        }
      }
      return sb.toString();
    }

    private String json(Snapshot a, Snapshot b, List<Change> changes) throws java.io.IOException {
      var m = SnapshotJson.mapper();
      var root = m.createObjectNode();
      root.put("schema", "fargate-doctor/diff/v1");
      root.set("before", m.valueToTree(a.capture()));
      root.set("after", m.valueToTree(b.capture()));
      var list = root.putArray("changes");
      for (Change c : changes) {
        var n = list.addObject();
        n.put("kind", c.kind());
        n.put("change", c.change());
        n.put("region", c.region());
        n.put("resource", c.resource());
        n.put("before", c.before());
        n.put("after", c.after());
      }
      return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    private static String describe(Snapshot s) {
      return s.capture() == null
          ? "a snapshot"
          : SafeText.plain(s.capture().source())
              + " snapshot of "
              + dev.fargatedoctor.check.Timestamps.iso(s.capture().capturedAt());
    }
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Read a snapshot and count what it holds per region: network interfaces, subnets, services, "
            + "tasks, roles, metric points, coverage gaps. Runs no check."
      })
  static final class Stats implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The snapshot (.json or .json.gz; - for standard input).")
    Path file;

    @Mixin ReadOptions read;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      boolean json = read.json();
      // Exactly the read scan --snapshot does, so it is the baseline bench/big-account needs.
      Snapshot s = read.snapshot(file);
      read.render.write(
          json ? SnapshotStats.json(s) : SnapshotStats.text(s), spec.commandLine().getOut());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "save",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Collect (or import aws-CLI dumps) and write the snapshot to FILE: JSON, or gzip when FILE ends "
            + "in .gz. Environment values are never in it; the file is written whole or not at all."
      })
  static final class Save implements Callable<Integer> {
    @Mixin SourceOptions source;
    @Mixin ConfigOptions config;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the snapshot.")
    Path file;

    @Spec CommandSpec spec;

    private final Context context;

    Save(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      OutputFile.check(file, "FILE");
      Snapshot snapshot = source.load(context, config.load());
      try {
        SnapshotFiles.write(snapshot, file);
      } catch (java.io.IOException e) {
        throw OutputFile.unwritable(file, "FILE", e);
      }
      long gaps = snapshot.coverage().stream().filter(c -> !c.collected()).count();
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + file
                  + " ("
                  + snapshot.regions().size()
                  + " region(s), "
                  + gaps
                  + " coverage gap(s))");
      return ExitCodes.OK;
    }
  }
}
