package dev.fargatedoctor.publish;

import java.net.URI;

/** An {@code s3://bucket/prefix} given on the command line: a bucket and a key prefix. */
public record S3Location(String bucket, String prefix) {
  public static S3Location parse(String option, String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option + " '" + value + "' is not an s3://BUCKET/PREFIX URI");
    }
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException(
          option
              + " '"
              + value
              + "' is not an s3://BUCKET/PREFIX URI (e.g. s3://my-bucket/fargate-doctor)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    path = path.replaceAll("^/+", "").replaceAll("/+$", "");
    return new S3Location(uri.getHost(), path);
  }

  /** The key of a name under the prefix. */
  public String key(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
