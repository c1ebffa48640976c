package dev.fargatedoctor.collect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Which flow-log records to read and for when.
 *
 * @param files local files (plain or gzip), read whole unless a window is given
 * @param logGroups CloudWatch Logs groups flow logs deliver to
 * @param s3 {@code s3://bucket/prefix} locations of flow logs delivered to S3
 * @param fromSnapshot also read every active flow log the snapshot found (scan --flow-minutes)
 * @param from start of the window, or null
 * @param to end of the window, or null
 * @param logFormat the format of sources that neither say nor have a flow log in the snapshot, or
 *     null for the default
 */
public record FlowRecordsRequest(
    List<Path> files,
    List<String> logGroups,
    List<String> s3,
    boolean fromSnapshot,
    Instant from,
    Instant to,
    String logFormat) {
  public FlowRecordsRequest {
    files = files == null ? List.of() : List.copyOf(files);
    logGroups = logGroups == null ? List.of() : List.copyOf(logGroups);
    s3 = s3 == null ? List.of() : List.copyOf(s3);
  }

  public boolean readsAws() {
    return fromSnapshot || !logGroups.isEmpty() || !s3.isEmpty();
  }
}
