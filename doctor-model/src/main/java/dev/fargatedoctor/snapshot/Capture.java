package dev.fargatedoctor.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * Where and when a snapshot was taken. {@code source} is {@code live}, {@code aws-cli-dir} or
 * {@code demo}; {@code endpoint} is set when an endpoint override (LocalStack, moto) was used.
 */
public record Capture(
    String tool,
    String toolVersion,
    Instant capturedAt,
    String source,
    String accountId,
    String callerArn,
    List<String> regions,
    String endpoint) {
  public Capture {
    regions = Lists.of(regions);
  }
}
