package dev.fargatedoctor.cli;

import dev.fargatedoctor.snapshot.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file the user named for output (--out, --save-snapshot, snapshot save FILE). It is checked
 * before any work, so a long scan does not fail at its end; a write that fails all the same is bad
 * input too (exit 2), naming the file.
 */
final class OutputFile {
  private OutputFile() {}

  /** Fails when FILE cannot be written: a directory, under a file, or not writable. */
  static void check(Path file, String option) {
    if (file == null) return;
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          option + " " + file + " is a directory: give the name of a file in it");
    }
    // The nearest existing ancestor decides: the missing directories are created on writing.
    Path dir = file.toAbsolutePath().getParent();
    while (dir != null && !Files.exists(dir)) dir = dir.getParent();
    if (dir == null) return;
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option + " " + file + " cannot be written: " + dir + " is a file, not a directory");
    }
    if (!Files.isWritable(dir)) {
      throw new IllegalArgumentException(
          option + " " + file + " cannot be written: " + dir + " is not writable");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IllegalArgumentException(
          option + " " + file + " cannot be written: the file is read-only");
    }
  }

  /** Writes FILE whole or not at all; a failure is exit 2 naming it. */
  static void write(Path file, String option, AtomicFiles.Body body) {
    try {
      AtomicFiles.write(file, body);
    } catch (IOException e) {
      throw unwritable(file, option, e);
    }
  }

  static IllegalArgumentException unwritable(Path file, String option, IOException e) {
    return new IllegalArgumentException(
        option + " " + file + " could not be written: " + reason(e), e);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NotDirectoryException) return "a parent is not a directory";
    if (e instanceof NoSuchFileException) return "no such directory";
    if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
