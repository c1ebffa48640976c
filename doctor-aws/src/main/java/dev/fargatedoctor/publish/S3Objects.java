package dev.fargatedoctor.publish;

import dev.fargatedoctor.collect.AwsClients;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The opt-in writes to S3: scan --report-s3 puts its report, watch --state-s3 gets and puts its
 * state. Only GetObject and PutObject on the given location (docs/iam-policy-report-s3.json and
 * docs/iam-policy-watch-state-s3.json grant exactly those).
 */
public final class S3Objects {
  private final S3Client s3;

  public S3Objects(AwsClients clients, String region) {
    this.s3 = clients.s3(region);
  }

  public void put(S3Location at, String name, byte[] body, String contentType) {
    try {
      s3.putObject(
          b -> b.bucket(at.bucket()).key(at.key(name)).contentType(contentType),
          RequestBody.fromBytes(body));
    } catch (S3Exception e) {
      throw new S3WriteException(
          "cannot write s3://"
              + at.bucket()
              + "/"
              + at.key(name)
              + ": "
              + reason(e, "s3:PutObject"),
          e);
    }
  }

  /** The object's bytes, or empty when there is none (the first cycle of a watch). */
  public Optional<byte[]> get(S3Location at, String name) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key(name))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return Optional.empty();
      throw new S3WriteException(
          "cannot read s3://"
              + at.bucket()
              + "/"
              + at.key(name)
              + ": "
              + reason(
                  e,
                  "s3:GetObject (and s3:ListBucket, without which a missing object is AccessDenied)"),
          e);
    }
  }

  private static String reason(S3Exception e, String permission) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (e.statusCode() == 403)
      return (code == null ? "AccessDenied" : code) + ": allow " + permission;
    return (code == null ? "HTTP " + e.statusCode() : code) + " " + e.getMessage();
  }

  /** An S3 call that failed; its message names the object and the permission. */
  public static final class S3WriteException extends RuntimeException {
    S3WriteException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
