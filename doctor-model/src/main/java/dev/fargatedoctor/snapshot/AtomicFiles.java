package dev.fargatedoctor.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file completely or not at all: into a temporary sibling, then renamed over the target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Where the temporary sibling comes from; tests put the file system's refusals here. */
  @FunctionalInterface
  interface TempFiles {
    Path create(Path dir, String prefix, String suffix) throws IOException;
  }

  public static void write(Path target, Body body) throws IOException {
    write(target, body, (dir, prefix, suffix) -> Files.createTempFile(dir, prefix, suffix));
  }

  static void write(Path target, Body body, TempFiles temp) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = temp.create(dir, "." + absolute.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.writeTo(out);
      }
      try {
        Files.move(
            tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
