package dev.fargatedoctor.flows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Somewhere flow-log lines come from: a local file, an S3 object, a CloudWatch Logs stream. Plain
 * text or gzip (recognised by content); a first line that names fields is the format (S3 files
 * start with one).
 *
 * @param name how problems name it: a path, {@code s3://bucket/key}, a log group
 * @param format the format its flow log was created with, or null to use the header or the default
 */
public record FlowSource(String name, Opener opener, FlowFormat format) {
  /** Opens the source's bytes; called once. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public static FlowSource file(Path path, FlowFormat format) {
    return new FlowSource(path.toString(), () -> Files.newInputStream(path), format);
  }

  InputStream open() throws IOException {
    return opener.open();
  }
}
