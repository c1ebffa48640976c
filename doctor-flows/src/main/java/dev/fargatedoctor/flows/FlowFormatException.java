package dev.fargatedoctor.flows;

/** A flow-log format string (or S3 header line) that cannot drive parsing. */
final class FlowFormatException extends IllegalArgumentException {
  public FlowFormatException(String message) {
    super(message);
  }
}
