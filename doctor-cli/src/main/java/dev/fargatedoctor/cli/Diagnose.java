package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The shared tail of scan and demo: save the snapshot if asked, run the catalogue, print, exit
 * code.
 */
final class Diagnose {
  private Diagnose() {}

  static int run(
      Snapshot snapshot,
      Path saveSnapshot,
      Configuration config,
      OutputOptions output,
      Clock clock,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    if (saveSnapshot != null) {
      try {
        SnapshotFiles.write(snapshot, saveSnapshot);
      } catch (IOException e) {
        throw OutputFile.unwritable(saveSnapshot, "--save-snapshot", e);
      }
    }
    Diagnosis diagnosis = new CheckEngine(output.selection.checks(), clock, config).run(snapshot);
    return output.emit(diagnosis, snapshot, clock, out, err);
  }
}
