package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.Progress;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Save snapshots for offline use.",
    subcommands = {SnapshotCommand.Save.class}, footer = ExitCodes.HELP)
final class SnapshotCommand {

  @Command(name = "save", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Collect (or import aws-CLI dumps) and write the snapshot to FILE: JSON, or gzip when FILE ends "
          + "in .gz. Environment values are never in it; the file is written whole or not at all."},
      footer = ExitCodes.HELP)
  static final class Save implements Callable<Integer> {
    @Mixin SourceOptions source;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the snapshot.")
    Path file;

    @Spec CommandSpec spec;

    private final Context context;

    Save(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      Progress progress = source.isLive() ? TerminalProgress.forTerminal(context.err()) : Progress.NONE;
      Snapshot snapshot;
      try {
        snapshot = source.load(context.clock(), context.recorder(), progress);
      } finally {
        TerminalProgress.clear(progress, context.err());
      }
      SnapshotFiles.write(snapshot, file);
      long gaps = snapshot.coverage().stream().filter(c -> !c.collected()).count();
      spec.commandLine().getOut().println("wrote " + file + " (" + snapshot.regions().size() + " region(s), "
          + gaps + " coverage gap(s))");
      return ExitCodes.OK;
    }
  }
}
