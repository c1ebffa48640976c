package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.NothingCollectedException;
import dev.fargatedoctor.publish.S3Objects;
import dev.fargatedoctor.publish.SecurityHubImport;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;

/**
 * What a user sees when a command fails: one line and the exit code that says what kind of failure
 * it was. The Java stack trace only with --debug.
 */
final class Failure {
  private Failure() {}

  static int report(Throwable e, PrintWriter err, boolean debug) {
    int code = exitCode(e);
    String message = oneLine(e.getMessage());
    if (code == ExitCodes.INTERNAL_ERROR) {
      message =
          "internal error (a bug): "
              + e.getClass().getName()
              + (e.getMessage() == null ? "" : ": " + message)
              + ". Please report it with the output of the same command run with --debug"
              + (debug ? " (below)" : "");
    }
    err.println("fargate-doctor: " + message);
    if (debug) e.printStackTrace(err);
    err.flush();
    return code;
  }

  static int exitCode(Throwable e) {
    if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
      return ExitCodes.BAD_INPUT;
    }
    // an opt-in S3 destination that cannot be written, like an --out that cannot be
    if (e instanceof S3Objects.S3WriteException) return ExitCodes.BAD_INPUT;
    if (e instanceof SecurityHubImport.SecurityHubImportException
        || e instanceof SecurityHubPublish.PublishFailed) {
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof NothingCollectedException) return ExitCodes.NOTHING_COLLECTED;
    return ExitCodes.INTERNAL_ERROR;
  }

  // Messages can quote AWS or a file: shown on one line, escaped (SafeText), never raw.
  private static String oneLine(String text) {
    if (text == null || text.isBlank()) return "(no message)";
    return SafeText.plain(text.strip().replaceAll("\\s*\\R\\s*", " / "));
  }
}
