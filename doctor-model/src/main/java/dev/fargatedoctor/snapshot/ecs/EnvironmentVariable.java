package dev.fargatedoctor.snapshot.ecs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A task-definition environment variable whose value never enters a snapshot. The type has no field
 * for the value: whatever reads an aws-CLI dump or an SDK response gets the redacted form at once,
 * so no code path can write the plaintext back out. The hash lets a diff see that a value changed;
 * the kind lets a check tell a plaintext value from an empty one or an ARN reference.
 */
public record EnvironmentVariable(String name, String valueHash, ValueKind valueKind) {

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
    return new EnvironmentVariable(name, hash(v), kind);
  }

  /**
   * Reads either form: a raw {@code {"name","value"}} pair (aws-CLI dump) is redacted on the spot,
   * a snapshot's redacted form is kept as it is.
   */
  @JsonCreator
  static EnvironmentVariable fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("value") String value,
      @JsonProperty("valueHash") String valueHash,
      @JsonProperty("valueKind") ValueKind valueKind) {
    if (value != null && !MARKER.equals(value)) return redact(name, value);
    // ECS prints {"name": "X"} for a variable registered without a value: raw, and empty, not text.
    if (value == null && valueHash == null && valueKind == null) return redact(name, null);
    return new EnvironmentVariable(name, valueHash, valueKind == null ? ValueKind.TEXT : valueKind);
  }

  @JsonProperty("value")
  public String value() {
    return MARKER;
  }

  // A truncated SHA-256: enough to notice a change, too short to serve as a lookup key for the
  // value.
  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
