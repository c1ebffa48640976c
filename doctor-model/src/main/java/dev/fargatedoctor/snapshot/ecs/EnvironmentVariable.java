package dev.fargatedoctor.snapshot.ecs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A task-definition environment variable whose value never enters a snapshot. The type has no field
 * for the value, nor for anything derived from it: whatever reads an aws-CLI dump or an SDK
 * response gets the redacted form at once, so no code path can write the plaintext, or a digest
 * that would let someone holding the snapshot confirm a guess of it, back out. A changed value
 * needs no digest to be noticed: ECS registers it as a new task-definition revision, and the diff
 * sees the service's task definition change. The kind lets a check tell a plaintext value from an
 * empty one or an ARN reference.
 */
public record EnvironmentVariable(String name, ValueKind valueKind) {

  /** What replaces every value in JSON, so a reader of the snapshot sees it was redacted. */
  public static final String MARKER = "<redacted>";

  public enum ValueKind {
    /** The value is empty. */
    EMPTY,
    /** The value refers to an AWS resource (an ARN), not a secret in itself. */
    AWS_REFERENCE,
    /** Anything else: a plaintext value. */
    TEXT
  }

  /** Redacts a value read from AWS or from an aws-CLI dump. */
  public static EnvironmentVariable redact(String name, String value) {
    String v = value == null ? "" : value;
    ValueKind kind =
        v.isEmpty()
            ? ValueKind.EMPTY
            : v.startsWith("arn:") ? ValueKind.AWS_REFERENCE : ValueKind.TEXT;
    return new EnvironmentVariable(name, kind);
  }

  /**
   * Reads either form: a raw {@code {"name","value"}} pair (aws-CLI dump) is redacted on the spot,
   * a snapshot's redacted form is kept as it is. The {@code valueHash} that snapshots of earlier
   * versions carry is read past and never written again.
   */
  @JsonCreator
  static EnvironmentVariable fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("value") String value,
      @JsonProperty("valueHash") String legacyHash,
      @JsonProperty("valueKind") ValueKind valueKind) {
    if (value != null && !MARKER.equals(value)) return redact(name, value);
    // ECS prints {"name": "X"} for a variable registered without a value: raw, and empty, not text.
    // An old hash only tells that this was the redacted form; the hash itself is dropped.
    if (value == null && legacyHash == null && valueKind == null) return redact(name, null);
    return new EnvironmentVariable(name, valueKind == null ? ValueKind.TEXT : valueKind);
  }

  @JsonProperty("value")
  public String value() {
    return MARKER;
  }
}
